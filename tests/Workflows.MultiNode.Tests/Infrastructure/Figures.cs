// Figures measured by the specs, echoed to the test output and, when WORKFLOWS_BENCHMARK_OUT names a file, appended to it.
namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Collects one-line figures (throughput, duplicate firings) for docs/benchmarks.md.</summary>
public static class Figures
{
    private static readonly Lock Gate = new();

    /// <summary>Records a figure.</summary>
    public static void Add(string line)
    {
        var path = Environment.GetEnvironmentVariable("WORKFLOWS_BENCHMARK_OUT");
        if (string.IsNullOrWhiteSpace(path))
            return;
        lock (Gate)
            File.AppendAllText(path, $"- {line}\n");
    }
}
