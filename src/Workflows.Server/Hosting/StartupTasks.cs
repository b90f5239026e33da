using Hangfire;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Server.Application;
using Workflows.Server.Application.Timers;
using Workflows.Server.Auth;
using Workflows.Server.Jobs;

namespace Workflows.Server.Hosting;

/// <summary>
/// Runs before the server takes requests: migrate the database, seed demo users (demo mode only, never in Production),
/// deploy the catalogue, schedule the Hangfire jobs of overdue and soon-due timers (<see cref="TimerReconciler"/>), replay
/// the outbox, and register the recurring sweep.
/// </summary>
public sealed partial class StartupTasks(
    IServiceProvider services,
    IOptions<WorkflowsOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<StartupTasks> logger
) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken ct)
    {
        var phases = new StartupPhases();
        var hostBuilt = StartupPhases.SinceProcessStart();
        // The runtime's object graph needs no database (nor Hangfire) but about half a second of first-use CPU: the
        // expression evaluator warms Jint up. Build it on the second core while this thread builds the EF model and checks
        // the migrations; the outbox replay below needs it.
        var runtime = phases.Parallel(
            "runtime",
            () => services.GetRequiredService<WorkflowRuntime>(),
            ct
        );
        await services.MigrateWorkflowsDatabaseAsync(ct);
        phases.Mark("migrate");
        // Hangfire's database storage needs the database to exist (and installs its schema on first use): only now.
        var recurring = phases.Parallel("recurring", RegisterRecurringJobs, ct);
        await using (await StartupLock.AcquireAsync(services, ct)) // one node at a time seeds and deploys the catalogue
        using (var scope = services.CreateScope())
        {
            if (configuration.GetValue("Demo:Enabled", false))
            {
                if (environment.IsProduction())
                    LogDemoRefused(logger);
                else
                    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            }
            phases.Mark("seed");
            if (options.Value.DeployCatalogOnStart)
                await DeployCatalogAsync(scope.ServiceProvider, ct);
            phases.Mark("catalogue");
        }
        var scheduled = await services
            .GetRequiredService<TimerReconciler>()
            .ScheduleAsync(overdue: true, ct);
        phases.Mark("timers");
        await runtime;
        phases.Mark("runtime wait");
        var replayed = await services
            .GetRequiredService<OutboxDispatcher>()
            .DispatchPendingAsync(ct);
        phases.Mark("outbox");
        await recurring;
        phases.Mark("recurring wait");
        LogStarted(logger, scheduled, replayed);
        // The hosted services after this one (Hangfire's server, the SLA recompute) and Kestrel start before ApplicationStarted.
        lifetime.ApplicationStarted.Register(() =>
            LogReady(logger, StartupPhases.SinceProcessStart(), hostBuilt, phases.ToString())
        );
    }

    private void RegisterRecurringJobs()
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<SweepJob>(
            "workflows-sweep",
            j => j.RunAsync(),
            configuration["Hangfire:SweepCron"] ?? Cron.Minutely()
        );
        // Retention of ended cases (archive then remove); the job does nothing while Retention:EndedInstanceDays is 0.
        recurring.AddOrUpdate<Application.Retention.RetentionService>(
            "workflows-retention",
            r => r.RunScheduledAsync(),
            configuration["Retention:Cron"] ?? "0 19 * * *"
        );
        if (services.GetRequiredService<WorkflowsDataOptions>().Provider == DatabaseProvider.Sqlite)
        {
            // SQLite plans from the statistics ANALYZE writes. Refresh them now, in the background: a large file that was
            // never analyzed takes seconds once (5.6 s at 1M tasks), which must not delay ready; then hourly.
            recurring.AddOrUpdate<DatabaseStatisticsJob>(
                DatabaseStatisticsJob.RecurringId,
                j => j.RunAsync(),
                Cron.Hourly()
            );
            services
                .GetRequiredService<IBackgroundJobClient>()
                .Enqueue<DatabaseStatisticsJob>(j => j.RunAsync());
        }
        else
            recurring.RemoveIfExists(DatabaseStatisticsJob.RecurringId);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task DeployCatalogAsync(IServiceProvider sp, CancellationToken ct)
    {
        var root = sp.GetRequiredService<CatalogPaths>().Root;
        if (root is null)
            return;
        foreach (
            var (file, outcome) in await sp.GetRequiredService<DeploymentService>()
                .DeployCatalogueAsync(root, ct)
        )
        {
            if (outcome.Errors.Count > 0)
                LogCatalogInvalid(logger, file, string.Join("; ", outcome.Errors));
            else if (outcome.Created)
                LogDeployed(logger, outcome.Definition!.Key, outcome.Definition.Version);
        }
    }

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Demo:Enabled is set but the environment is Production: demo accounts are NOT seeded"
    )]
    private static partial void LogDemoRefused(ILogger logger);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Catalogue file {File} is invalid and was not deployed: {Errors}"
    )]
    private static partial void LogCatalogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Deployed {Key} version {Version} from the catalogue"
    )]
    private static partial void LogDeployed(ILogger logger, string key, int version);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Started in {Total:F0} ms after process start: runtime and host build {Host:F0} ms, then {Phases}, then the other hosted services and Kestrel"
    )]
    private static partial void LogReady(ILogger logger, double total, double host, string phases);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Ready: {Seconds} due seconds of pending timers scheduled, {Outbox} outbox rows replayed"
    )]
    private static partial void LogStarted(ILogger logger, int seconds, int outbox);
}
