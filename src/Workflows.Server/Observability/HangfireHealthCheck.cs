// Readiness of the scheduler: Hangfire's storage answers, and a Hangfire server is heartbeating.
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Workflows.Server.Observability;

/// <summary>
/// Unhealthy when the job storage does not answer; Degraded (still HTTP 200) while no server has sent a heartbeat in the last
/// two minutes (e.g. the first seconds after start); Healthy otherwise, with the number of live servers across all nodes.
/// </summary>
public sealed class HangfireHealthCheck(JobStorage storage, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Stale = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context,
        CancellationToken ct = default
    )
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            var now = time.GetUtcNow().UtcDateTime;
            var live = servers.Count(s =>
                s.Heartbeat is { } beat
                && now - DateTime.SpecifyKind(beat, DateTimeKind.Utc) < Stale
            );
            var data = new Dictionary<string, object> { ["servers"] = live };
            return Task.FromResult(
                live > 0
                    ? HealthCheckResult.Healthy($"{live} Hangfire servers alive.", data)
                    : HealthCheckResult.Degraded("No Hangfire server heartbeat yet.", data: data)
            );
        }
        catch (Exception ex)
        {
            return Task.FromResult(
                HealthCheckResult.Unhealthy("Hangfire storage does not answer.", ex)
            );
        }
    }
}
