// Where the start-up time goes: each phase of StartupTasks timed, logged once as one line when the host is ready.
using System.Diagnostics;
using System.Text;

namespace Workflows.Server.Hosting;

/// <summary>
/// Elapsed milliseconds per start-up phase, in order. The cold-start budget (ready in ≤ 3 s) is only kept if a
/// regression shows up in the log of an ordinary start, so every start logs this line, not only a benchmark.
/// </summary>
public sealed class StartupPhases
{
    private readonly List<(string Name, double Milliseconds)> _phases = [];
    private readonly List<(string Name, double Milliseconds)> _parallel = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Ends the current phase under <paramref name="name"/> and starts the next one.</summary>
    public void Mark(string name)
    {
        _phases.Add((name, _watch.Elapsed.TotalMilliseconds));
        _watch.Restart();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool beside the phases and records its own duration under
    /// <paramref name="name"/>; await the result before the start-up counts as done (the phase after the await shows how
    /// long the sequential path waited for it).
    /// </summary>
    public Task Parallel(string name, Action work, CancellationToken ct) =>
        Task.Run(
            () =>
            {
                var watch = Stopwatch.StartNew();
                work();
                lock (_parallel)
                    _parallel.Add((name, watch.Elapsed.TotalMilliseconds));
            },
            ct
        );

    /// <summary>Milliseconds from the operating system's process start to now (runtime start, host build, start-up tasks).</summary>
    public static double SinceProcessStart()
    {
        using var self = Process.GetCurrentProcess();
        return (DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>The phases as "name 12 ms, …", then the parallel steps as "(in parallel: name 34 ms, …)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, _phases);
        lock (_parallel)
        {
            if (_parallel.Count == 0)
                return text.ToString();
            Append(text.Append(" (in parallel: "), _parallel).Append(')');
        }
        return text.ToString();
    }

    private static StringBuilder Append(
        StringBuilder text,
        List<(string Name, double Milliseconds)> phases
    )
    {
        var first = true;
        foreach (var (name, ms) in phases)
        {
            text.Append(first ? "" : ", ")
                .Append(name)
                .Append(' ')
                .Append(Math.Round(ms))
                .Append(" ms");
            first = false;
        }
        return text;
    }
}
