// The dashboard's chart queries, shared by GET /api/dashboard/aggregates and the dashboard benchmark. Each chart is one
// aggregate in SQL that returns a handful of groups (never a row per clock) and reads an index made for it; the slowest
// steps (a year is ~850,000 closed step clocks at 1M tasks) read the per-day rollup SlaStepDays for whole days instead.
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Dashboard;

/// <summary>
/// The aggregates behind the six charts. Managers, supervisors and admins see every bureau, a chief their own bureau;
/// the caller checks that the user may see the dashboard at all.
/// </summary>
public sealed class DashboardQueries(WorkflowsDbContext db)
{
    /// <summary>All four aggregates, as the dashboard page asks for them.</summary>
    public async Task<AggregatesDto> AggregatesAsync(
        CurrentUser user,
        DashboardFilter filter,
        CancellationToken ct
    ) =>
        new(
            await OpenByBureauLevelAsync(user, filter, ct),
            await BreachesByDayAsync(user, filter, ct),
            await ByProcedureAsync(user, filter, ct),
            await SlowestStepsAsync(user, filter, ct)
        );

    /// <summary>Open step clocks by bureau and level (green/yellow/red). Open work is the current state, so the period does not apply.</summary>
    public async Task<List<CountDto>> OpenByBureauLevelAsync(
        CurrentUser user,
        DashboardFilter filter,
        CancellationToken ct
    )
    {
        // Step clocks are the ones with a bureau (the case clock has none): filtering on Bureau instead of Kind, and on
        // Status IN (running, paused) instead of != stopped, lets the (Status, Level, Bureau) index answer the whole query.
        var open = await Clocks(user, filter)
            .Where(c =>
                (c.Status == SlaClockStatuses.Running || c.Status == SlaClockStatuses.Paused)
                && c.Bureau != null
            )
            .GroupBy(c => new { c.Bureau, c.Level })
            .Select(g => new
            {
                g.Key.Bureau,
                g.Key.Level,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        return open.OrderBy(o => o.Bureau, StringComparer.Ordinal)
            .Select(o => new CountDto(o.Bureau ?? "", o.Level, o.Count))
            .ToList();
    }

    /// <summary>Breaches per office calendar day within the period, oldest first.</summary>
    public async Task<List<CountDto>> BreachesByDayAsync(
        CurrentUser user,
        DashboardFilter filter,
        CancellationToken ct
    )
    {
        var records = db.SupervisionRecords.AsNoTracking();
        if (!user.ReadsEverything)
            records = records.Where(s => s.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(filter.Bureau))
            records = records.Where(s => s.Bureau == filter.Bureau);
        if (!string.IsNullOrEmpty(filter.Procedure))
            records = records.Where(s => s.DefinitionKey == filter.Procedure);
        if (filter.From is { } f)
        {
            var fu = f.ToUniversalTime();
            records = records.Where(s => s.BreachedAt >= fu);
        }
        if (filter.To is { } t)
        {
            var tu = t.ToUniversalTime();
            records = records.Where(s => s.BreachedAt < tu);
        }
        // DateTimeOffset has no portable SQL date part across the three providers: each record carries its office day
        // (BreachedDay, stamped on save), so the database counts per day from the (BreachedAt, BreachedDay, …) index.
        var days = await records
            .GroupBy(s => s.BreachedDay)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return days.OrderBy(d => d.Day)
            .Select(d => new CountDto(
                d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                null,
                d.Count
            ))
            .ToList();
    }

    /// <summary>
    /// Closed case clocks per procedure: on time and late, the committed limit, the median and p90 of working days used
    /// and the average saved against the limit (three charts).
    /// </summary>
    public async Task<List<ProcedureStatsDto>> ByProcedureAsync(
        CurrentUser user,
        DashboardFilter filter,
        CancellationToken ct
    )
    {
        // A histogram: working days used are whole days, so a procedure has a few dozen buckets at most and the
        // percentiles below are exact without reading a row per case. Whole office days of the period come from the
        // SlaCaseDays rollup, the partial days at its ends from the clocks (IX_SlaClocks_Closed_Started).
        var period = RollupPeriod.Of(filter.From, filter.To);
        var buckets =
            new List<(
                string DefinitionKey,
                string Limit,
                bool Late,
                double? WorkingDaysUsed,
                int Count
            )>();
        if (period.HasDays)
            buckets.AddRange(
                await RolledUpCasesAsync(user, filter, period.FirstDay, period.EndDay, ct)
            );
        foreach (var (from, to) in period.Edges)
            buckets.AddRange(await ClockCasesAsync(user, filter, from, to, ct));
        var groups = buckets
            .GroupBy(b => (b.DefinitionKey, b.Limit, b.Late, b.WorkingDaysUsed))
            .Select(g => new
            {
                g.Key.DefinitionKey,
                g.Key.Limit,
                g.Key.Late,
                g.Key.WorkingDaysUsed,
                Count = g.Sum(b => b.Count),
            })
            .Where(g => g.Count != 0)
            .ToList();
        return groups
            .GroupBy(g => g.DefinitionKey)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(procedure =>
            {
                var used = procedure
                    .Where(g => g.WorkingDaysUsed.HasValue)
                    .GroupBy(g => g.WorkingDaysUsed!.Value)
                    .Select(g => (Days: g.Key, Count: g.Sum(x => x.Count)))
                    .OrderBy(h => h.Days)
                    .ToList();
                var limits = procedure
                    .Where(g => g.WorkingDaysUsed.HasValue)
                    .Select(g => (Days: ParseDays(g.Limit), g.Count))
                    .Where(l => l.Days.HasValue)
                    .ToList();
                double? limit =
                    limits.Count == 0
                        ? null
                        : limits.Sum(l => l.Days!.Value * l.Count) / limits.Sum(l => l.Count);
                var cases = used.Sum(h => h.Count);
                return new ProcedureStatsDto(
                    procedure.Key,
                    procedure.Where(g => !g.Late).Sum(g => g.Count),
                    procedure.Where(g => g.Late).Sum(g => g.Count),
                    limit,
                    Percentile(used, 0.5),
                    Percentile(used, 0.9),
                    limit is { } l && cases > 0
                        ? Math.Round(l - used.Sum(h => h.Days * h.Count) / cases, 2)
                        : null
                );
            })
            .ToList();
    }

    /// <summary>The ten steps with the highest average working days used among closed step clocks in the period.</summary>
    public async Task<List<StepStatsDto>> SlowestStepsAsync(
        CurrentUser user,
        DashboardFilter filter,
        CancellationToken ct
    )
    {
        // Whole office days of the period come from the rollup (a few dozen rows per day), the partial days at its ends
        // from the clocks themselves (a range of IX_SlaClocks_Closed_Started): the sum is exactly the GROUP BY over the clocks.
        var period = RollupPeriod.Of(filter.From, filter.To);
        var parts = new List<StepPart>();
        if (period.HasDays)
            parts.AddRange(
                await RolledUpStepsAsync(user, filter, period.FirstDay, period.EndDay, ct)
            );
        foreach (var (from, to) in period.Edges)
            parts.AddRange(await ClockStepsAsync(user, filter, from, to, ct));
        var steps = parts
            .GroupBy(p => (p.DefinitionKey, ElementId: p.ElementId ?? ""))
            .Select(g => new
            {
                g.Key.DefinitionKey,
                ElementId = g.Key.ElementId.Length == 0 ? null : g.Key.ElementId,
                Count = g.Sum(p => p.Clocks),
                Days = g.Sum(p => p.WorkingDays),
                TaskId = g.Max(p => p.TaskId),
            })
            .Where(s => s.Count > 0)
            .Select(s => new
            {
                s.DefinitionKey,
                s.ElementId,
                Average = s.Days / s.Count,
                s.Count,
                s.TaskId,
            })
            .ToList();
        var slowest = steps
            .OrderByDescending(s => s.Average)
            .ThenBy(s => s.DefinitionKey, StringComparer.Ordinal)
            .ThenBy(s => s.ElementId, StringComparer.Ordinal)
            .Take(10)
            .ToList();
        var ids = slowest.Where(s => s.TaskId != null).Select(s => s.TaskId!).ToList();
        var names = await db
            .Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.NameEn,
            })
            .ToDictionaryAsync(t => t.Id, ct);
        return slowest
            .Select(s =>
            {
                var task = s.TaskId is { } id ? names.GetValueOrDefault(id) : null;
                return new StepStatsDto(
                    s.DefinitionKey,
                    s.ElementId,
                    task?.Name,
                    task?.NameEn,
                    Math.Round(s.Average, 2),
                    s.Count
                );
            })
            .ToList();
    }

    // Rollup rows of whole days [firstDay, endDay) in the user's scope and the filter's bureau and procedure.
    private static IQueryable<T> DaysInScope<T>(
        IQueryable<T> days,
        CurrentUser user,
        DashboardFilter filter,
        DateOnly? firstDay,
        DateOnly? endDay
    )
        where T : class, ISlaDayRollup
    {
        if (!user.ReadsEverything)
            days = days.Where(d => d.Bureau == (user.Bureau ?? ""));
        if (!string.IsNullOrEmpty(filter.Bureau))
            days = days.Where(d => d.Bureau == filter.Bureau);
        if (!string.IsNullOrEmpty(filter.Procedure))
            days = days.Where(d => d.DefinitionKey == filter.Procedure);
        if (firstDay is { } first)
            days = days.Where(d => d.Day >= first);
        if (endDay is { } end)
            days = days.Where(d => d.Day < end);
        return days;
    }

    // Whole days [firstDay, endDay) of the case rollup in the user's scope, as histogram buckets; a null end is open.
    private async Task<List<(string, string, bool, double?, int)>> RolledUpCasesAsync(
        CurrentUser user,
        DashboardFilter filter,
        DateOnly? firstDay,
        DateOnly? endDay,
        CancellationToken ct
    )
    {
        var days = DaysInScope(db.SlaCaseDays.AsNoTracking(), user, filter, firstDay, endDay);
        var rows = await days.GroupBy(d => new
            {
                d.DefinitionKey,
                d.Limit,
                d.Late,
                d.WorkingDaysUsed,
            })
            .Select(g => new
            {
                g.Key.DefinitionKey,
                g.Key.Limit,
                g.Key.Late,
                g.Key.WorkingDaysUsed,
                Count = g.Sum(d => d.Clocks),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
                (
                    r.DefinitionKey,
                    r.Limit,
                    r.Late,
                    r.WorkingDaysUsed == SlaCaseRollup.NoWorkingDays
                        ? null
                        : (double?)r.WorkingDaysUsed,
                    r.Count
                )
            )
            .ToList();
    }

    // Closed case clocks started in [from, to) in the user's scope, as the rollup's buckets.
    private async Task<List<(string, string, bool, double?, int)>> ClockCasesAsync(
        CurrentUser user,
        DashboardFilter filter,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var fu = from.ToUniversalTime();
        var tu = to.ToUniversalTime();
        var rows = await Clocks(user, filter)
            .Where(c =>
                c.Kind == "case"
                && c.Status == SlaClockStatuses.Stopped
                && c.StartedAt >= fu
                && c.StartedAt < tu
            )
            .GroupBy(c => new
            {
                c.DefinitionKey,
                c.Limit,
                c.FinishedLate,
                c.WorkingDaysUsed,
            })
            .Select(g => new
            {
                g.Key.DefinitionKey,
                g.Key.Limit,
                g.Key.FinishedLate,
                g.Key.WorkingDaysUsed,
                Count = g.Count(),
            })
            .ToListAsync(ct);
        return rows.Select(r =>
                (r.DefinitionKey, r.Limit, r.FinishedLate == true, r.WorkingDaysUsed, r.Count)
            )
            .ToList();
    }

    // Whole days [firstDay, endDay) of the step rollup in the user's scope; a null end is open.
    private async Task<List<StepPart>> RolledUpStepsAsync(
        CurrentUser user,
        DashboardFilter filter,
        DateOnly? firstDay,
        DateOnly? endDay,
        CancellationToken ct
    )
    {
        var days = DaysInScope(db.SlaStepDays.AsNoTracking(), user, filter, firstDay, endDay);
        return await days.GroupBy(d => new { d.DefinitionKey, d.ElementId })
            .Select(g => new StepPart(
                g.Key.DefinitionKey,
                g.Key.ElementId,
                g.Sum(d => d.Clocks),
                g.Sum(d => d.WorkingDays),
                g.Max(d => d.TaskId)
            ))
            .ToListAsync(ct);
    }

    // Closed step clocks started in [from, to) in the user's scope, grouped as the rollup is.
    private async Task<List<StepPart>> ClockStepsAsync(
        CurrentUser user,
        DashboardFilter filter,
        DateTimeOffset from,
        DateTimeOffset to,
        CancellationToken ct
    )
    {
        var fu = from.ToUniversalTime();
        var tu = to.ToUniversalTime();
        return await Clocks(user, filter)
            .Where(c =>
                c.Kind == "task"
                && c.Status == SlaClockStatuses.Stopped
                && c.StartedAt >= fu
                && c.StartedAt < tu
                && c.WorkingDaysUsed != null
            )
            .GroupBy(c => new { c.DefinitionKey, c.ElementId })
            .Select(g => new StepPart(
                g.Key.DefinitionKey,
                g.Key.ElementId,
                g.Count(),
                g.Sum(c => c.WorkingDaysUsed!.Value),
                g.Max(c => c.TaskId)
            ))
            .ToListAsync(ct);
    }

    // The clocks in the user's scope and the bureau/procedure filters.
    private IQueryable<SlaClockEntity> Clocks(CurrentUser user, DashboardFilter filter)
    {
        var clocks = db.SlaClocks.AsNoTracking();
        if (!user.ReadsEverything)
            clocks = clocks.Where(c => c.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(filter.Bureau))
            clocks = clocks.Where(c => c.Bureau == filter.Bureau);
        if (!string.IsNullOrEmpty(filter.Procedure))
            clocks = clocks.Where(c => c.DefinitionKey == filter.Procedure);
        return clocks;
    }

    private static double? ParseDays(string limit) =>
        limit.EndsWith("WD", StringComparison.Ordinal)
        && double.TryParse(limit[..^2], CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>The nearest-rank percentile over a histogram sorted by value: the value at rank ceil(n·p); null when it is empty (also the SLA summary's p90).</summary>
    internal static double? Percentile(IReadOnlyList<(double Days, int Count)> histogram, double p)
    {
        var n = histogram.Sum(h => h.Count);
        if (n == 0)
            return null;
        var rank = Math.Clamp((int)Math.Ceiling(n * p), 1, n);
        var seen = 0;
        foreach (var (days, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
                return days;
        }
        return histogram[^1].Days;
    }
}
