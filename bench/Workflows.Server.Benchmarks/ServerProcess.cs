// A real server process on a loopback port: cold start is timed to /health/ready, RSS read from /proc.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Server.Benchmarks;

/// <summary>One benchmarked server process.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>The server's loopback address.</summary>
    public Uri Address { get; }

    /// <summary>Resident set size in MB (Linux), or -1.</summary>
    public double RssMegabytes => StatusKilobytes("VmRSS") is { } kb ? kb / 1024.0 : -1;

    /// <summary>What the RSS is made of (Linux): anonymous (heaps), file-backed (mapped assemblies, shared) and shared memory (the runtime's W^X double mapping of JIT code).</summary>
    public string RssParts
    {
        get
        {
            string Part(string name) =>
                StatusKilobytes(name) is { } kb
                    ? (kb / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : "?";
            return $"anonymous {Part("RssAnon")} MB, file-backed {Part("RssFile")} MB, shared {Part("RssShmem")} MB";
        }
    }

    // A "Name:   1234 kB" line of /proc/<pid>/status, or null (not Linux, or the process is gone).
    private long? StatusKilobytes(string name)
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
            return null;
        var line = File.ReadLines(status)
            .FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return line is null
            ? null
            : long.Parse(
                line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                System.Globalization.CultureInfo.InvariantCulture
            );
    }

    /// <summary>User + system CPU seconds the process has used so far (Linux), or -1.</summary>
    public double CpuSeconds => ProcessCpu.Seconds(_process.Id) ?? -1;

    /// <summary>The server's "Started in … ms" line with its start-up phases, once logged (needs StartupTasks at Information).</summary>
    public string? StartupLine { get; private set; }

    /// <summary>
    /// The server's counters so far, from its own <c>/metrics</c>: the garbage collector's (the runtime's System.Runtime
    /// meter: collections per generation, total pause, bytes allocated) and SQLite's write lock (how long transactions
    /// held it). Subtract two snapshots to get a run's share.
    /// </summary>
    public async Task<ServerCounters> CountersAsync()
    {
        using var http = new HttpClient
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var text = await http.GetStringAsync("/metrics");
        double Value(string name, string? generation = null)
        {
            foreach (var line in text.Split('\n'))
                if (
                    line.StartsWith(name + "{", StringComparison.Ordinal)
                    && (
                        generation is null
                        || line.Contains(
                            $"gc_heap_generation=\"{generation}\"",
                            StringComparison.Ordinal
                        )
                    )
                )
                    return double.Parse(
                        line[(line.LastIndexOf(' ') + 1)..],
                        System.Globalization.CultureInfo.InvariantCulture
                    );
            return 0;
        }
        return new ServerCounters(
            (long)Value("dotnet_gc_collections_total", "gen0"),
            (long)Value("dotnet_gc_collections_total", "gen1"),
            (long)Value("dotnet_gc_collections_total", "gen2"),
            Value("dotnet_gc_pause_time_seconds_total"),
            Value("dotnet_gc_heap_total_allocated_bytes_total"),
            (long)Value("workflows_sqlite_write_lock_held_milliseconds_count"),
            Value("workflows_sqlite_write_lock_held_milliseconds_sum")
        );
    }

    /// <summary>Starts the server and waits until it is ready; returns it and the cold-start time.</summary>
    public static async Task<(ServerProcess Server, TimeSpan ColdStart)> StartAsync(
        IReadOnlyDictionary<string, string> environment
    )
    {
        var port = FreePort();
        var folder = FindServer();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "Workflows.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        ServerProcess? self = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (
                e.Data is { } l
                && l.Contains("Started in", StringComparison.Ordinal)
                && self is not null
            )
                self.StartupLine = l.Trim();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } l && l.Contains("fail", StringComparison.OrdinalIgnoreCase))
                Console.Error.WriteLine("  server: " + l);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = self = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient
        {
            BaseAddress = server.Address,
            Timeout = TimeSpan.FromSeconds(5),
        };
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"server exited with {process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    return (server, watch.Elapsed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            if (watch.Elapsed > TimeSpan.FromSeconds(120))
                throw new TimeoutException("server not ready within 120 s");
            await Task.Delay(100);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // WORKFLOWS_BENCH_SERVER if set, else the server's own build output (artifacts layout or classic bin/), else the copy
    // beside this program.
    /// <summary>The folder of the built Workflows.Server.dll.</summary>
    public static string ServerFolder => FindServer();

    private static string FindServer()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        // A published server (e.g. `dotnet publish -p:PublishReadyToRun=true`) is measured by naming its folder.
        if (
            Environment.GetEnvironmentVariable("WORKFLOWS_BENCH_SERVER") is
            { Length: > 0 } published
        )
            candidates.Add(Path.GetFullPath(published));
        if (here.Parent?.Parent is { } bin)
            candidates.Add(Path.Combine(bin.FullName, "Workflows.Server", here.Name));
        for (var dir = here; dir is not null; dir = dir.Parent)
            if (
                File.Exists(Path.Combine(dir.FullName, "Workflows.sln"))
                && here.Parent is { } config
            )
            {
                candidates.Add(
                    Path.Combine(
                        dir.FullName,
                        "src",
                        "Workflows.Server",
                        "bin",
                        config.Name,
                        here.Name
                    )
                );
                break;
            }
        candidates.Add(here.FullName);
        return candidates.FirstOrDefault(c =>
                File.Exists(Path.Combine(c, "Workflows.Server.dll"))
                && File.Exists(Path.Combine(c, "Workflows.Server.runtimeconfig.json"))
            )
            ?? throw new InvalidOperationException(
                "Workflows.Server.dll not found in " + string.Join(", ", candidates)
            );
    }
}

/// <summary>A server process's counters at one moment (see <see cref="ServerProcess.CountersAsync"/>); the lock's are 0 on PostgreSQL.</summary>
public sealed record ServerCounters(
    long Gen0,
    long Gen1,
    long Gen2,
    double PauseSeconds,
    double AllocatedBytes,
    long LockTurns,
    double LockHeldMilliseconds
)
{
    /// <summary>What happened between <paramref name="before"/> and this snapshot.</summary>
    public ServerCounters Since(ServerCounters before) =>
        new(
            Gen0 - before.Gen0,
            Gen1 - before.Gen1,
            Gen2 - before.Gen2,
            PauseSeconds - before.PauseSeconds,
            AllocatedBytes - before.AllocatedBytes,
            LockTurns - before.LockTurns,
            LockHeldMilliseconds - before.LockHeldMilliseconds
        );
}
