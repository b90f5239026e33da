using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;

namespace Workflows.Server.Hosting;

/// <summary>
/// Hangfire executes timers, service calls and the sweep. Storage (<c>Hangfire:Storage</c>): <c>InMemory</c> (the
/// embedded default, safe because our timer table is the truth and is rescheduled on start) or <c>Database</c>
/// (the application database: PostgreSQL or SQL Server; the default whenever the database is not SQLite).
/// </summary>
public static class HangfireRegistration
{
    /// <summary>
    /// Adds Hangfire with the configured storage and server. A timer fires when the scheduler has moved its job to the
    /// queue (<c>Hangfire:SchedulePollingInterval</c>, default 1 s) and a worker has fetched it (PostgreSQL storage:
    /// <c>Hangfire:QueuePollInterval</c> when the queue was empty, default 1 s), so these bound a timer's lateness on an idle server.
    /// </summary>
    public static IServiceCollection AddWorkflowsHangfire(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var storage = configuration["Hangfire:Storage"];
        if (string.IsNullOrWhiteSpace(storage))
            storage = provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
                ? "InMemory"
                : "Database";
        var connectionString = configuration.GetConnectionString("Workflows");
        var schedulePolling = configuration.GetValue(
            "Hangfire:SchedulePollingInterval",
            TimeSpan.FromSeconds(1)
        );
        var queuePolling = configuration.GetValue(
            "Hangfire:QueuePollInterval",
            TimeSpan.FromSeconds(1)
        );
        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (storage.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
                h.UseInMemoryStorage(
                    new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(1) }
                );
            // A node that dies releases by expiry: a job it had fetched is visible again after 5 minutes (the timeout slides while
            // the node lives), a distributed lock it held (e.g. the sweep's) after 1 minute instead of the default 10.
            else if (provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
                h.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = queuePolling,
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromMinutes(5),
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    }
                );
            else if (provider.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
                h.UseSqlServerStorage(
                    connectionString,
                    new SqlServerStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = TimeSpan.Zero,
                    }
                );
            else
                throw new InvalidOperationException(
                    $"Hangfire:Storage=Database needs PostgreSql or SqlServer, not {provider}."
                );
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = configuration.GetValue("Hangfire:WorkerCount", 4);
            o.SchedulePollingInterval = schedulePolling;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
        return services;
    }
}
