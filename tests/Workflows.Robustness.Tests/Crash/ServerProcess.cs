// A real Workflows server process (dotnet Workflows.Server.dll) on a loopback port, killable with SIGKILL. Located the
// way the multi-node tests do: the server's own build output beside this assembly's (artifacts or classic layout).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Robustness.Tests.Crash;

/// <summary>One server process.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>http://127.0.0.1:port.</summary>
    public Uri Address { get; }

    /// <summary>The folder of Workflows.Server.dll.</summary>
    public static string ServerFolder { get; } = FindServer();

    /// <summary>Starts the server with <paramref name="environment"/> on <paramref name="port"/>.</summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ServerFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ServerFolder, "Workflows.Server.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits for /health/ready (deadline 90 s).</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"server exited with {_process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("server not ready within 90 s");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindServer()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        if (here.Parent?.Parent is { } bin)
            candidates.Add(Path.Combine(bin.FullName, "Workflows.Server", here.Name));
        if (here.Parent is { } config)
            candidates.Add(
                Path.Combine(
                    Infrastructure.Catalogue.RepositoryRoot,
                    "src",
                    "Workflows.Server",
                    "bin",
                    config.Name,
                    here.Name
                )
            );
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
