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
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <summary>Ends the current phase under <paramref name="name"/> and starts the next one.</summary>
    public void Mark(string name)
    {
        _phases.Add((name, _watch.Elapsed.TotalMilliseconds));
        _watch.Restart();
    }

    /// <summary>Milliseconds from the operating system's process start to now (runtime start, host build, start-up tasks).</summary>
    public static double SinceProcessStart()
    {
        using var self = Process.GetCurrentProcess();
        return (DateTime.Now - self.StartTime).TotalMilliseconds;
    }

    /// <summary>The phases as "name 12 ms, …".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, ms) in _phases)
            text.Append(text.Length == 0 ? "" : ", ").Append(name).Append(' ').Append(Math.Round(ms)).Append(" ms");
        return text.ToString();
    }
}
