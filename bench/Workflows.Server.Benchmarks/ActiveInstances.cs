// Memory with many active instances: the server hosted in this process bulk-starts instances that stay at a user task,
// then the process RSS is read as is and after a forced full GC.
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Application;

namespace Workflows.Server.Benchmarks;

/// <summary>The <c>--active [N] [--budget S]</c> run: RSS with N instances waiting at a user task (SQLite).</summary>
public static class ActiveInstances
{
    /// <summary>Starts up to <paramref name="count"/> instances within <paramref name="budget"/> and prints RSS figures.</summary>
    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> environment,
        int count,
        TimeSpan budget,
        int loops
    )
    {
        await using var factory = new InProcess.Factory(environment);
        using (var scope = factory.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<DeploymentService>()
                .DeployAsync(Driver.Bpmn, "designer");
        Console.WriteLine(
            $"\n## RSS with active instances (SQLite, server in this process, {loops} loops calling WorkflowRuntime.StartAsync)\n"
        );
        Console.WriteLine($"load average before: {Bundle.LoadAverage()}");
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"- host started: RSS {Rss():F0} MB, after a forced GC {ForcedGcRss():F0} MB"
            )
        );
        var next = 0;
        var started = 0;
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.WhenAll(
            Enumerable
                .Range(0, loops)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        while (watch.Elapsed < budget && Interlocked.Increment(ref next) <= count)
                        {
                            using var scope = factory.Services.CreateScope();
                            await scope
                                .ServiceProvider.GetRequiredService<WorkflowRuntime>()
                                .StartAsync(
                                    new StartRequest(
                                        "bench-review",
                                        null,
                                        null,
                                        new JsonObject { ["amount"] = 1 },
                                        "clerk.kjj"
                                    )
                                );
                            Interlocked.Increment(ref started);
                        }
                    })
                )
        );
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"- {started:N0} instances started in {seconds:F0} s ({started / seconds:F0}/s, {cpuMs / Math.Max(1, started):F2} ms CPU per start), all waiting at their user task"
            )
        );
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"- RSS as is {Rss():F0} MB, after a forced GC {ForcedGcRss():F0} MB (managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MB)"
            )
        );
        Console.WriteLine($"load average after: {Bundle.LoadAverage()}");
    }

    private static double ForcedGcRss()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Rss();
    }

    private static double Rss()
    {
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status")
                .FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            : null;
        return line is null
            ? -1
            : long.Parse(
                line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                CultureInfo.InvariantCulture
            ) / 1024.0;
    }
}
