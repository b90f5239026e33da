// GET /api/sla/summary, shared with the dashboard benchmark. The database groups the clocks (two GROUP BYs that return
// a few hundred rows, never a row per clock) and the statistics are computed from those buckets: working days used are
// whole days, so the buckets are a histogram and the averages and the nearest-rank p90 are exactly those over the clocks.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Dashboard;

/// <summary>
/// The SLA summary of the clocks started in a period. Managers, supervisors and admins see every bureau, anyone else the
/// clocks of their own bureau; the caller checks that the user may see the dashboard at all.
/// </summary>
public sealed class SlaSummaryQueries(WorkflowsDbContext db)
{
    /// <summary>Clocks started in [<paramref name="from"/>, <paramref name="to"/>) (either end open), of <paramref name="kind"/> when given.</summary>
    public async Task<SlaSummaryDto> SummaryAsync(
        CurrentUser user,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? kind,
        CancellationToken ct
    )
    {
        var clocks = Clocks(user, from, to, kind);
        // "Not stopped" (running or paused) is written as the partial index IX_SlaClocks_Open_Due states it, "stopped" as
        // the closed-clock indexes do, so each statement reads its own partial index.
        var open = await clocks
            .Where(c => c.Status != SlaClockStatuses.Stopped)
            .GroupBy(c => new
            {
                c.Bureau,
                c.DefinitionKey,
                c.Level,
            })
            .Select(g => new
            {
                g.Key.Bureau,
                g.Key.DefinitionKey,
                g.Key.Level,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        var closed = await StoppedBuckets(clocks, kind).ToListAsync(ct);
        var buckets = open.Select(o => new SlaSummaryBucket(
                o.Bureau ?? "",
                o.DefinitionKey,
                true,
                o.Level,
                null,
                false,
                null,
                o.Count
            ))
            .Concat(
                closed.Select(c => new SlaSummaryBucket(
                    c.Bureau ?? "",
                    c.DefinitionKey,
                    false,
                    null,
                    c.Limit,
                    c.FinishedLate == true,
                    c.WorkingDaysUsed,
                    c.Count
                ))
            )
            .ToList();
        return new SlaSummaryDto(
            from,
            to,
            Stats("total", buckets),
            buckets
                .GroupBy(b => b.Bureau)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Stats(g.Key, g.ToList()))
                .ToList(),
            buckets
                .GroupBy(b => b.DefinitionKey)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Stats(g.Key, g.ToList()))
                .ToList()
        );
    }

    /// <summary>The stopped clocks' buckets: one statement, grouped in the order of IX_SlaClocks_Closed_Histogram.</summary>
    /// <remarks>
    /// The index is (Kind, Bureau, DefinitionKey, Limit, FinishedLate, WorkingDaysUsed, StartedAt) over the stopped
    /// clocks, and the key below is its columns before StartedAt, so SQLite groups while it scans the covering index and
    /// never sorts. Without a kind, SQLite (3.53) would rather fetch every stopped row through the (Status, Level, Bureau)
    /// index (3.9 s at 1M clocks); Kind &gt;= '' is true of every clock (Kind is required) but is a range on the index's
    /// first column, which tips the planner.
    /// </remarks>
    internal static IQueryable<SlaStoppedBucket> StoppedBuckets(
        IQueryable<SlaClockEntity> clocks,
        string? kind
    )
    {
        var stopped = clocks.Where(c => c.Status == SlaClockStatuses.Stopped);
        if (string.IsNullOrEmpty(kind))
            stopped = stopped.Where(c => string.Compare(c.Kind, "") >= 0);
        return stopped
            .GroupBy(c => new
            {
                c.Kind,
                c.Bureau,
                c.DefinitionKey,
                c.Limit,
                c.FinishedLate,
                c.WorkingDaysUsed,
            })
            .Select(g => new SlaStoppedBucket(
                g.Key.Bureau,
                g.Key.DefinitionKey,
                g.Key.Limit,
                g.Key.FinishedLate,
                g.Key.WorkingDaysUsed,
                g.Count()
            ));
    }

    /// <summary>The clocks in <paramref name="user"/>'s scope, started in the period, of the kind.</summary>
    internal IQueryable<SlaClockEntity> Clocks(
        CurrentUser user,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? kind
    )
    {
        var clocks = db.SlaClocks.AsNoTracking();
        if (!user.ReadsEverything)
            clocks = clocks.Where(c => c.Bureau == user.Bureau);
        if (from is { } f)
        {
            var fu = f.ToUniversalTime();
            clocks = clocks.Where(c => c.StartedAt >= fu);
        }
        if (to is { } t)
        {
            var tu = t.ToUniversalTime();
            clocks = clocks.Where(c => c.StartedAt < tu);
        }
        if (!string.IsNullOrEmpty(kind))
            clocks = clocks.Where(c => c.Kind == kind);
        return clocks;
    }

    // Open: running or paused, and how many of them are yellow or red (a stopped clock's level does not count). Closed:
    // on time unless FinishedLate is true. Used: the stopped clocks with working days used; of those, the ones whose limit
    // is whole working days (not e.g. PT4H) give the average limit and the average saved (limit − used).
    private static SlaStatsDto Stats(string key, IReadOnlyList<SlaSummaryBucket> buckets)
    {
        var open = buckets.Where(b => b.Open).ToList();
        var closed = buckets.Where(b => !b.Open).ToList();
        var used = closed
            .Where(b => b.WorkingDaysUsed.HasValue)
            .GroupBy(b => b.WorkingDaysUsed!.Value)
            .Select(g => (Days: g.Key, Count: g.Sum(b => b.Count)))
            .OrderBy(h => h.Days)
            .ToList();
        var withLimit = closed
            .Where(b => b.WorkingDaysUsed.HasValue && WorkingDays.TryParse(b.Limit, out _))
            .Select(b =>
                (
                    Limit: (double)WorkingDays.Parse(b.Limit!).Value,
                    Used: b.WorkingDaysUsed!.Value,
                    b.Count
                )
            )
            .ToList();
        var usedCount = used.Sum(h => h.Count);
        var limitCount = withLimit.Sum(x => x.Count);
        return new SlaStatsDto(
            key,
            open.Sum(b => b.Count),
            open.Where(b => b.Level == "yellow").Sum(b => b.Count),
            open.Where(b => b.Level == "red").Sum(b => b.Count),
            closed.Where(b => !b.Late).Sum(b => b.Count),
            closed.Where(b => b.Late).Sum(b => b.Count),
            usedCount == 0 ? null : Math.Round(used.Sum(h => h.Days * h.Count) / usedCount, 2),
            DashboardQueries.Percentile(used, 0.9),
            limitCount == 0
                ? null
                : Math.Round(withLimit.Sum(x => x.Limit * x.Count) / limitCount, 2),
            limitCount == 0
                ? null
                : Math.Round(withLimit.Sum(x => (x.Limit - x.Used) * x.Count) / limitCount, 2)
        );
    }
}
