// RSS of the real server process (as deployed: its own GC settings, Kestrel, HTTP buffers) with N instances waiting at
// a user task, started over HTTP. ActiveInstances measures the same in-process, which leaves out what HTTP load retains.
using System.Diagnostics;
using System.Globalization;

namespace Workflows.Server.Benchmarks;

/// <summary>The <c>--active-http [N] [--provider sqlite|postgresql]</c> rows.</summary>
public static class ActiveOverHttp
{
    /// <summary>Starts a server on <paramref name="database"/>, starts <paramref name="count"/> instances from <paramref name="clients"/> clients and prints the server's RSS along the way.</summary>
    public static async Task RunAsync(
        Databases database,
        string name,
        int count,
        int clients,
        TimeSpan idle
    )
    {
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"\n## RSS of the server process with {count:N0} active instances started over HTTP ({name}, {clients} clients)\n"
            )
        );
        Console.WriteLine(
            $"server: {ServerProcess.ServerFolder} ({(ColdStart.IsReadyToRun(Path.Combine(ServerProcess.ServerFolder, "Workflows.Server.dll")) ? "ReadyToRun" : "JIT only")}), load average {ColdStart.LoadAverage()}"
        );
        var (server, ready) = await ServerProcess.StartAsync(database.ServerEnvironment());
        using (server)
        {
            var driver = await Driver.CreateAsync(server.Address);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"- ready in {ready.TotalSeconds:F1} s: RSS {server.RssMegabytes:F0} MB ({server.RssParts})"
                )
            );
            var watch = Stopwatch.StartNew();
            var cpu = server.CpuSeconds;
            var step = Math.Max(1, count / 4);
            for (var started = 0; started < count; )
            {
                var batch = Math.Min(step, count - started);
                started += await driver.StartManyAsync(batch, clients);
                Console.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"- {started:N0} waiting ({watch.Elapsed.TotalSeconds:F0} s, {started / watch.Elapsed.TotalSeconds:F0} starts/s): RSS {server.RssMegabytes:F0} MB"
                    )
                );
            }
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"- server CPU per start {1000 * (server.CpuSeconds - cpu) / count:F2} ms"
                )
            );
            await Task.Delay(idle);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"- after {idle.TotalSeconds:F0} s idle: RSS {server.RssMegabytes:F0} MB ({server.RssParts}), load average {ColdStart.LoadAverage()}"
                )
            );
        }
    }
}
