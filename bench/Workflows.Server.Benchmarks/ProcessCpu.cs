// CPU time of processes on this machine, read from /proc (Linux): the server's own, and the PostgreSQL processes'
// beside it, so a lifecycle's cost on the database is measured as CPU per instance, which varies far less between runs
// on a shared machine than instances per second do.
using System.Globalization;

namespace Workflows.Server.Benchmarks;

/// <summary>CPU ticks (100 Hz) of processes, from <c>/proc/[pid]/stat</c>.</summary>
internal static class ProcessCpu
{
    /// <summary>User + system CPU seconds process <paramref name="pid"/> has used so far, or null when it is gone.</summary>
    public static double? Seconds(int pid) => Ticks(pid) is { } ticks ? ticks / 100.0 : null;

    /// <summary>
    /// The CPU ticks of every process named <paramref name="name"/> (e.g. <c>postgres</c>: its backends, WAL writer,
    /// checkpointer, …), by process id. Empty when there is none here (a database on another machine, or SQLite).
    /// </summary>
    public static Dictionary<int, long> TicksOf(string name)
    {
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (
                !int.TryParse(
                    Path.GetFileName(dir),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var pid
                )
            )
                continue;
            try
            {
                if (
                    File.ReadAllText(Path.Combine(dir, "comm")).TrimEnd('\n') == name
                    && Ticks(pid) is { } t
                )
                    ticks[pid] = t;
            }
            catch (IOException)
            {
                // Ended while being read.
            }
            catch (UnauthorizedAccessException) { }
        }
        return ticks;
    }

    /// <summary>
    /// The CPU seconds the processes of <paramref name="now"/> used since <paramref name="earlier"/> (a process that
    /// started in between counts whole; one that ended in between is not counted).
    /// </summary>
    public static double SecondsBetween(Dictionary<int, long> earlier, Dictionary<int, long> now) =>
        now.Sum(p => p.Value - earlier.GetValueOrDefault(p.Key)) / 100.0;

    private static long? Ticks(int pid)
    {
        try
        {
            // Fields after the command name in parentheses: utime and stime are the 12th and 13th, in clock ticks.
            var fields = File.ReadAllText($"/proc/{pid}/stat")
                .Split(')')[^1]
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
