// Cold start and idle memory of the real server process: time from process start to /health/ready 200 on an empty
// SQLite database (migrations, demo seed, catalogue deploy) and on the same database again (everything already there),
// the CPU the process used to get there, its RSS at ready and after idling, and the server's own phase line.
using System.Globalization;

namespace Workflows.Server.Benchmarks;

/// <summary>The "Cold start and memory" rows: <c>--cold-start [--runs N]</c>.</summary>
public static class ColdStart
{
    /// <summary>Runs <paramref name="runs"/> pairs of starts (empty database, then the same one again) and prints a table.</summary>
    public static async Task RunAsync(int runs, TimeSpan idle)
    {
        Console.WriteLine(
            $"\n## Cold start and memory (SQLite, {runs} runs per row, RSS again after {idle.TotalSeconds:F0} s idle)\n"
        );
        Console.WriteLine(
            $"server: {ServerProcess.ServerFolder} ({(IsReadyToRun(Path.Combine(ServerProcess.ServerFolder, "Workflows.Server.dll")) ? "ReadyToRun" : "JIT only")})"
        );
        Console.WriteLine($"load average before: {LoadAverage()}");
        var empty = new List<Sample>();
        var existing = new List<Sample>();
        for (var i = 0; i < runs; i++)
        {
            await using var database = Databases.Sqlite();
            var environment = database.ServerEnvironment();
            // The server logs its own phase breakdown at Information; everything else stays at Warning.
            environment["Logging__LogLevel__Workflows.Server.Hosting.StartupTasks"] = "Information";
            empty.Add(await SampleAsync(environment, TimeSpan.Zero));
            existing.Add(await SampleAsync(environment, idle));
        }
        Console.WriteLine();
        Console.WriteLine(
            "| database | ready s (median / min / max) | CPU s to ready (median) | RSS MB at ready | RSS MB idle |"
        );
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Row("empty (migrate, seed, deploy)", empty));
        Console.WriteLine(Row("existing (restart)", existing));
        Console.WriteLine($"load average after: {LoadAverage()}");
    }

    private static async Task<Sample> SampleAsync(
        Dictionary<string, string> environment,
        TimeSpan idle
    )
    {
        var (server, ready) = await ServerProcess.StartAsync(environment);
        using (server)
        {
            var sample = new Sample(ready.TotalSeconds, server.CpuSeconds, server.RssMegabytes, -1);
            if (idle > TimeSpan.Zero)
            {
                await Task.Delay(idle);
                sample = sample with { IdleRss = server.RssMegabytes };
            }
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"- ready {sample.Ready:F2} s, CPU {sample.Cpu:F2} s, RSS {sample.Rss:F0} MB{(sample.IdleRss < 0 ? "" : $" → {sample.IdleRss:F0} MB idle")}: {server.StartupLine ?? "(no phase line)"}"
                )
            );
            return sample;
        }
    }

    // A ReadyToRun image carries a managed native header (the CLI header's ManagedNativeHeader directory is set).
    internal static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static string Row(string name, List<Sample> samples)
    {
        var ready = samples.Select(s => s.Ready).Order().ToList();
        var idle = samples.Where(s => s.IdleRss >= 0).Select(s => s.IdleRss).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {Median(ready):F2} / {ready[0]:F2} / {ready[^1]:F2} | {Median(samples.Select(s => s.Cpu)):F2} | {Median(samples.Select(s => s.Rss)):F0} | {(idle.Count == 0 ? "–" : Median(idle).ToString("F0", CultureInfo.InvariantCulture))} |"
        );
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1
            ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";

    private sealed record Sample(double Ready, double Cpu, double Rss, double IdleRss);
}
