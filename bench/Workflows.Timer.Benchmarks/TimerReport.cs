// The figures of one run, computed from the rows the database holds after it (not from the benchmark's own clocks).
using System.Globalization;
using Workflows.Data.Entities;

namespace Workflows.Timer.Benchmarks;

/// <summary>Creation rate, firing rate, lateness distribution, duplicates and misses of one run.</summary>
public sealed class TimerReport
{
    private TimerReport() { }

    /// <summary>Timers created.</summary>
    public int Created { get; private init; }

    /// <summary>Instances created per second during the creation phase.</summary>
    public double CreatedPerSecond { get; private init; }

    /// <summary>Seconds between the end of the creation phase and the first due moment (negative: creation overran).</summary>
    public double SlackSeconds { get; private init; }

    /// <summary>Timers whose row was committed after their due moment (they cannot be on time).</summary>
    public int CreatedAfterDue { get; private init; }

    /// <summary>Timers fired.</summary>
    public int Fired { get; private init; }

    /// <summary>Timers not fired when the run ended (still pending, cancelled, ...).</summary>
    public int NotFired { get; private init; }

    /// <summary>Extra firings: <c>timer.fired</c> events beyond one per instance, plus rows with more than one attempt.</summary>
    public int Duplicates { get; private init; }

    /// <summary>Instances completed (the timer led to the end event).</summary>
    public int Completed { get; private init; }

    /// <summary>Demanded rate: timers / window.</summary>
    public double DemandPerSecond { get; private init; }

    /// <summary>Fired / (last firing − first firing).</summary>
    public double FiringsPerSecond { get; private init; }

    /// <summary>Most firings in one wall-clock second.</summary>
    public int PeakPerSecond { get; private init; }

    /// <summary>Seconds from the first due moment to the last firing.</summary>
    public double DrainSeconds { get; private init; }

    /// <summary>Lateness (fired at − due at) in seconds: min, p50, p95, p99, max.</summary>
    public (double Min, double P50, double P95, double P99, double Max) Lateness
    {
        get;
        private init;
    }

    /// <summary>Server-process CPU milliseconds per firing (the benchmark hosts the server; PostgreSQL's own CPU is not in it).</summary>
    public double CpuMillisecondsPerFiring { get; private init; }

    /// <summary>Computes the figures; <paramref name="cpu"/> is the process CPU time spent while the timers fired.</summary>
    public static TimerReport From(
        IReadOnlyList<TimerRow> rows,
        TimeSpan creation,
        DateTimeOffset creationEnd,
        TimeSpan window,
        TimeSpan cpu
    )
    {
        var fired = rows.Where(r => r.Status == TimerStatuses.Fired && r.FiredAt is not null)
            .ToList();
        var lateness = fired
            .Select(r => (r.FiredAt!.Value - r.DueAt).TotalSeconds)
            .Order()
            .ToList();
        var firstDue = rows.Count == 0 ? creationEnd : rows.Min(r => r.DueAt);
        var first = fired.Count == 0 ? firstDue : fired.Min(r => r.FiredAt!.Value);
        var last = fired.Count == 0 ? firstDue : fired.Max(r => r.FiredAt!.Value);
        return new TimerReport
        {
            Created = rows.Count,
            CreatedPerSecond = rows.Count / creation.TotalSeconds,
            SlackSeconds = (firstDue - creationEnd).TotalSeconds,
            CreatedAfterDue = rows.Count(r => r.CreatedAt > r.DueAt),
            Fired = fired.Count,
            NotFired = rows.Count - fired.Count,
            Duplicates =
                rows.Sum(r => Math.Max(0, r.FiredEvents - 1)) + rows.Count(r => r.Attempts > 1),
            Completed = rows.Count(r => r.InstanceStatus == "Completed"),
            DemandPerSecond =
                window > TimeSpan.Zero ? rows.Count / window.TotalSeconds : double.PositiveInfinity,
            FiringsPerSecond =
                fired.Count > 1 && last > first
                    ? fired.Count / (last - first).TotalSeconds
                    : fired.Count,
            PeakPerSecond =
                fired.Count == 0
                    ? 0
                    : fired.GroupBy(r => r.FiredAt!.Value.ToUnixTimeSeconds()).Max(g => g.Count()),
            DrainSeconds = (last - firstDue).TotalSeconds,
            CpuMillisecondsPerFiring = fired.Count == 0 ? 0 : cpu.TotalMilliseconds / fired.Count,
            Lateness =
                lateness.Count == 0
                    ? default
                    : (
                        lateness[0],
                        P(lateness, 50),
                        P(lateness, 95),
                        P(lateness, 99),
                        lateness[^1]
                    ),
        };
    }

    /// <summary>The report as Markdown lines.</summary>
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return "| created | created/s | slack before window s | created after due | fired | not fired | duplicates | completed |";
        yield return "|---:|---:|---:|---:|---:|---:|---:|---:|";
        yield return string.Format(
            c,
            "| {0:N0} | {1:F1} | {2:F1} | {3:N0} | {4:N0} | {5:N0} | {6:N0} | {7:N0} |",
            Created,
            CreatedPerSecond,
            SlackSeconds,
            CreatedAfterDue,
            Fired,
            NotFired,
            Duplicates,
            Completed
        );
        yield return "";
        yield return "| demand/s | firings/s (first→last firing) | peak firings in 1 s | first due → last fired s | lateness s min / p50 / p95 / p99 / max | server CPU ms per firing |";
        yield return "|---:|---:|---:|---:|---:|---:|";
        yield return string.Format(
            c,
            "| {0:F1} | {1:F1} | {2:N0} | {3:F1} | {4:F2} / {5:F2} / {6:F2} / {7:F2} / {8:F2} | {9:F2} |",
            DemandPerSecond,
            FiringsPerSecond,
            PeakPerSecond,
            DrainSeconds,
            Lateness.Min,
            Lateness.P50,
            Lateness.P95,
            Lateness.P99,
            Lateness.Max,
            CpuMillisecondsPerFiring
        );
    }

    // Nearest rank on a sorted list.
    private static double P(List<double> sorted, int percentile) =>
        sorted[
            Math.Clamp(
                (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1,
                0,
                sorted.Count - 1
            )
        ];
}
