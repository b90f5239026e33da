// Observable gauges read from the database (SLA levels by bureau, outbox backlog), cached so a scrape storm costs one query.
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Observability;

/// <summary>
/// Registers <c>workflows.sla.clocks</c> (running and paused clocks by bureau and level, from the SlaClocks table) and
/// <c>workflows.outbox.backlog</c> (outbox rows not yet dispatched). Every node reports the same database-wide figures:
/// aggregate them with max(), not sum().
/// </summary>
public sealed class WorkflowsGauges
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private IReadOnlyList<(string Bureau, string Level, int Count)> _sla = [];
    private long _backlog;

    /// <summary>Creates the gauges on <see cref="WorkflowsMetrics.Meter"/>; resolve once (the metrics mapping does).</summary>
    public WorkflowsGauges(IServiceScopeFactory scopes, TimeProvider time)
    {
        _scopes = scopes;
        _time = time;
        WorkflowsMetrics.Meter.CreateObservableGauge(
            "workflows.sla.clocks",
            ObserveSla,
            "{clock}",
            "SLA clocks not stopped, by bureau and level (green, yellow, red)."
        );
        WorkflowsMetrics.Meter.CreateObservableGauge(
            "workflows.outbox.backlog",
            ObserveBacklog,
            "{row}",
            "Outbox rows committed but not yet dispatched."
        );
    }

    private IEnumerable<Measurement<int>> ObserveSla()
    {
        Refresh();
        return _sla.Select(s => new Measurement<int>(
            s.Count,
            new KeyValuePair<string, object?>("bureau", s.Bureau),
            new KeyValuePair<string, object?>("level", s.Level)
        ));
    }

    private Measurement<long> ObserveBacklog()
    {
        Refresh();
        return new Measurement<long>(_backlog);
    }

    // Gauge callbacks are synchronous: a short synchronous query, at most once per CacheFor; a failing database keeps the last figures.
    private void Refresh()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (now - _readAt < CacheFor)
                return;
            _readAt = now;
            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                _sla = db
                    .SlaClocks.AsNoTracking()
                    .Where(c => c.Status != "stopped")
                    .GroupBy(c => new { c.Bureau, c.Level })
                    .Select(g => new
                    {
                        g.Key.Bureau,
                        g.Key.Level,
                        Count = g.Count(),
                    })
                    .ToList()
                    .Select(g => (g.Bureau ?? "none", g.Level, g.Count))
                    .ToList();
                _backlog = db.Outbox.AsNoTracking().LongCount(o => o.DispatchedAt == null);
            }
            catch (Exception ex)
                when (ex
                        is InvalidOperationException
                            or System.Data.Common.DbException
                            or TimeoutException
                )
            {
                // Keep the previous figures; the health checks report the database itself.
            }
        }
    }
}
