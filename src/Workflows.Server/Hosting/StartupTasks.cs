using Hangfire;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Server.Application;
using Workflows.Server.Auth;
using Workflows.Server.Jobs;

namespace Workflows.Server.Hosting;

/// <summary>
/// Runs before the server takes requests: migrate the database, seed demo users (demo mode only, never in Production),
/// deploy the catalogue, reschedule pending timers with Hangfire, replay the outbox, and register the recurring sweep.
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
        await services.MigrateWorkflowsDatabaseAsync();
        phases.Mark("migrate");
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
        var sweep = services.GetRequiredService<SweepJob>();
        var rescheduled = await sweep.RescheduleAllAsync(ct);
        phases.Mark("timers");
        var replayed = await services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(ct);
        phases.Mark("outbox");
        LogStarted(logger, rescheduled, replayed);
        services
            .GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SweepJob>("workflows-sweep", j => j.RunAsync(), configuration["Hangfire:SweepCron"] ?? Cron.Minutely());
        // Retention of ended cases (archive then remove); the job does nothing while Retention:EndedInstanceDays is 0.
        services
            .GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<Application.Retention.RetentionService>("workflows-retention", r => r.RunScheduledAsync(), configuration["Retention:Cron"] ?? "0 19 * * *");
        phases.Mark("recurring");
        // The hosted services after this one (Hangfire's server, the SLA recompute) and Kestrel start before ApplicationStarted.
        lifetime.ApplicationStarted.Register(() => LogReady(logger, StartupPhases.SinceProcessStart(), hostBuilt, phases.ToString()));
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task DeployCatalogAsync(IServiceProvider sp, CancellationToken ct)
    {
        var root = sp.GetRequiredService<CatalogPaths>().Root;
        if (root is null)
            return;
        foreach (var (file, outcome) in await sp.GetRequiredService<DeploymentService>().DeployCatalogueAsync(root, ct))
        {
            if (outcome.Errors.Count > 0)
                LogCatalogInvalid(logger, file, string.Join("; ", outcome.Errors));
            else if (outcome.Created)
                LogDeployed(logger, outcome.Definition!.Key, outcome.Definition.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo:Enabled is set but the environment is Production: demo accounts are NOT seeded")]
    private static partial void LogDemoRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Catalogue file {File} is invalid and was not deployed: {Errors}")]
    private static partial void LogCatalogInvalid(ILogger logger, string file, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed {Key} version {Version} from the catalogue")]
    private static partial void LogDeployed(ILogger logger, string key, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started in {Total:F0} ms after process start: runtime and host build {Host:F0} ms, then {Phases}, then the other hosted services and Kestrel")]
    private static partial void LogReady(ILogger logger, double total, double host, string phases);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: {Timers} pending timers rescheduled, {Outbox} outbox rows replayed")]
    private static partial void LogStarted(ILogger logger, int timers, int outbox);
}
