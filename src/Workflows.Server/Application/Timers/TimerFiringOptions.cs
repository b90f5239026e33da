// Settings of timer firing (section "Timers"): how many due rows a node claims at once and fires in parallel, and how often
// a failing timer is tried before it becomes an incident.
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

    /// <summary>
    /// Attempts a timer gets before its failure becomes an incident on its instance (it is then no longer fired until an
    /// operator retries the incident, which fires it once more). Default 5; less than 1 counts as 1.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a timer is held after its first failed attempt; the hold doubles after each further one. Default 30 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest hold between two attempts of a failing timer. Default 10 min.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The budget in force (<see cref="MaxAttempts"/>, at least 1).</summary>
    public int AttemptBudget => Math.Max(1, MaxAttempts);

    /// <summary>
    /// The hold after the failed attempt number <paramref name="attempt"/> (1 = the first): <see cref="RetryDelay"/> doubled
    /// per earlier failure, at most <see cref="MaxRetryDelay"/>.
    /// </summary>
    public TimeSpan HoldAfter(int attempt)
    {
        var first = RetryDelay > TimeSpan.Zero ? RetryDelay : TimeSpan.FromSeconds(1);
        var ceiling = MaxRetryDelay >= first ? MaxRetryDelay : first;
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var ticks = first.Ticks * Math.Pow(2, doublings);
        return ticks >= ceiling.Ticks ? ceiling : TimeSpan.FromTicks((long)ticks);
    }
}
