// Splits a dashboard period [From, To) into the whole office days the rollups (SlaStepDays, SlaCaseDays) answer and the
// partial days at its ends that must be read from the clocks, so that rollup + edges count every clock exactly once.
using Workflows.Data;

namespace Workflows.Server.Application.Dashboard;

/// <summary>Whole office days [<see cref="FirstDay"/>, <see cref="EndDay"/>) (null = unbounded) and the remaining edge ranges.</summary>
internal sealed record RollupPeriod(
    bool HasDays,
    DateOnly? FirstDay,
    DateOnly? EndDay,
    IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> Edges
)
{
    /// <summary>The split of [<paramref name="from"/>, <paramref name="to"/>); either end may be open.</summary>
    public static RollupPeriod Of(DateTimeOffset? from, DateTimeOffset? to)
    {
        // The first day that starts at or after From, and the day To falls in (days before it end by To).
        DateOnly? first = from is { } f
            ? (
                SlaStepRollup.StartOf(SlaStepRollup.DayOf(f)) == f
                    ? SlaStepRollup.DayOf(f)
                    : SlaStepRollup.DayOf(f).AddDays(1)
            )
            : null;
        DateOnly? end = to is { } t ? SlaStepRollup.DayOf(t) : null;
        if (from is { } a && to is { } b && (first is null || end is null || first >= end))
            return new RollupPeriod(false, null, null, a < b ? [(a, b)] : []);
        var edges = new List<(DateTimeOffset, DateTimeOffset)>();
        if (from is { } lo && SlaStepRollup.StartOf(first!.Value) > lo)
            edges.Add((lo, SlaStepRollup.StartOf(first.Value)));
        if (to is { } hi && SlaStepRollup.StartOf(end!.Value) < hi)
            edges.Add((SlaStepRollup.StartOf(end.Value), hi));
        return new RollupPeriod(true, first, end, edges);
    }
}
