// Settings of timer firing (section "Timers"): how many due rows a node claims at once and fires in parallel.
namespace Workflows.Server.Application.Timers;

/// <summary>Timer firing settings, bound from the <c>Timers</c> configuration section.</summary>
public sealed class TimerFiringOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Timers";

    /// <summary>
    /// Timers one node fires at the same time (each in its own unit of work). 0 (the default): 4 on SQLite (one writer at a
    /// time), 16 on a server database, where the firings mostly wait for their commits (docs/benchmarks.md, timers).
    /// </summary>
    public int Concurrency { get; set; }

    /// <summary>Due timer rows claimed by one statement. 0 (the default): 8 per concurrent firing.</summary>
    public int BatchSize { get; set; }

    /// <summary>
    /// How long a claimed row stays reserved for its node. A node that dies holding rows releases them when this runs out
    /// (another node, or the sweep, fires them then); a node slower than this only costs a wasted attempt, never a second
    /// firing (the row's and the instance's concurrency tokens decide). Default 20 s.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(20);
}
