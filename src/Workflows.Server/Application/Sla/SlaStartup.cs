// Start-up work of the SLA feature, run after the database is migrated: calendar recompute and the notification sweep.
using Hangfire;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application.Sla;

/// <summary>Recomputes provisional clocks and registers the recurring notification sweep (registered after the host's start-up tasks).</summary>
public sealed partial class SlaStartup(
    SlaRecompute recompute,
    IRecurringJobManager recurring,
    IConfiguration configuration,
    ILogger<SlaStartup> logger
) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken ct)
    {
        var changed = await recompute.RecomputeProvisionalAsync(ct);
        if (changed > 0)
            LogRecomputed(logger, changed);
        recurring.AddOrUpdate<NotificationSweepJob>(
            NotificationSweepJob.RecurringId,
            j => j.RunAsync(),
            configuration["Hangfire:SweepCron"] ?? Cron.Minutely()
        );
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Calendar recompute: {Count} provisional due dates moved"
    )]
    private static partial void LogRecomputed(ILogger logger, int count);
}
