// GET /api/sla/summary, shared with the dashboard benchmark.
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
    public async Task<SlaSummaryDto> SummaryAsync(CurrentUser user, DateTimeOffset? from, DateTimeOffset? to, string? kind, CancellationToken ct)
    {
        var query = db.SlaClocks.AsNoTracking();
        if (!user.ReadsEverything)
            query = query.Where(c => c.Bureau == user.Bureau);
        if (from is { } f)
        {
            var fu = f.ToUniversalTime();
            query = query.Where(c => c.StartedAt >= fu);
        }
        if (to is { } t)
        {
            var tu = t.ToUniversalTime();
            query = query.Where(c => c.StartedAt < tu);
        }
        if (!string.IsNullOrEmpty(kind))
            query = query.Where(c => c.Kind == kind);
        var rows = await query.ToListAsync(ct);
        return new SlaSummaryDto(
            from, to, Stats("total", rows),
            rows.GroupBy(r => r.Bureau ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Stats(g.Key, g.ToList())).ToList(),
            rows.GroupBy(r => r.DefinitionKey).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Stats(g.Key, g.ToList())).ToList()
        );
    }

    private static SlaStatsDto Stats(string key, IReadOnlyList<SlaClockEntity> rows)
    {
        var open = rows.Where(r => r.Status != SlaClockStatuses.Stopped).ToList();
        var closed = rows.Where(r => r.Status == SlaClockStatuses.Stopped).ToList();
        var used = closed.Where(r => r.WorkingDaysUsed.HasValue).Select(r => r.WorkingDaysUsed!.Value).Order().ToList();
        var withLimit = closed.Where(r => r.WorkingDaysUsed.HasValue && WorkingDays.TryParse(r.Limit, out _))
            .Select(r => (Limit: (double)WorkingDays.Parse(r.Limit).Value, Used: r.WorkingDaysUsed!.Value)).ToList();
        return new SlaStatsDto(
            key,
            open.Count,
            open.Count(r => r.Level == "yellow"),
            open.Count(r => r.Level == "red"),
            closed.Count(r => r.FinishedLate != true),
            closed.Count(r => r.FinishedLate == true),
            used.Count == 0 ? null : Math.Round(used.Average(), 2),
            used.Count == 0 ? null : used[Math.Max(0, (int)Math.Ceiling(used.Count * 0.9) - 1)],
            withLimit.Count == 0 ? null : Math.Round(withLimit.Average(x => x.Limit), 2),
            withLimit.Count == 0 ? null : Math.Round(withLimit.Average(x => x.Limit - x.Used), 2)
        );
    }
}
