// One real server process (dotnet Workflows.Server.dll) on a loopback port: started, awaited until ready, killed or stopped.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>A server node of a <see cref="Cluster"/>; dispose it to stop the process.</summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    private ServerNode(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The node's name in figures and failures (A, B).</summary>
    public string Name { get; }

    /// <summary>The loopback port.</summary>
    public int Port { get; }

    /// <summary>The node's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while the process runs.</summary>
    public bool Running => !_process.HasExited;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string RecentOutput => string.Join('\n', _log.TakeLast(60));

    /// <summary>Starts <c>dotnet Workflows.Server.dll</c> with <paramref name="environment"/> and extra <paramref name="args"/>.</summary>
    public static ServerNode Start(
        string name,
        IReadOnlyDictionary<string, string> environment,
        params string[] args
    )
    {
        var port = FreePort();
        var process = CreateProcess(environment, ["--urls", $"http://127.0.0.1:{port}", .. args]);
        var node = new ServerNode(name, port, process);
        process.OutputDataReceived += (_, e) => node.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Runs the server binary as a command (e.g. <c>migrate</c>) to its end; returns the exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        IReadOnlyDictionary<string, string> environment,
        params string[] args
    )
    {
        using var process = CreateProcess(environment, args);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                output.Enqueue(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                output.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{string.Join(' ', args)} did not end within 90 s:\n{string.Join('\n', output)}"
            );
        }
        process.WaitForExit(); // drains the output readers
        return (process.ExitCode, string.Join('\n', output));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (deadline 90 s; the process must keep running).</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException(
                    $"node {Name} exited with {_process.ExitCode}:\n{RecentOutput}"
                );
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"node {Name} was not ready within 90 s:\n{RecentOutput}");
    }

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous() =>
        new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client with a bearer token of a demo user (password <c>demo</c>), signed in on this node.</summary>
    public async Task<HttpClient> As(string userName)
    {
        if (!_tokens.TryGetValue(userName, out var token))
        {
            token = await LoginAsync(userName);
            _tokens[userName] = token;
        }
        return WithToken(token);
    }

    /// <summary>A client on this node carrying a token (e.g. one issued by another node).</summary>
    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in and returns the bearer token.</summary>
    public async Task<string> LoginAsync(string userName)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsJsonAsync(
            "/api/auth/login",
            new { userName, password = "demo" }
        );
        Assert.True(
            response.IsSuccessStatusCode,
            $"login as {userName} on {Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown, no cleanup, leases left behind.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        _log.Enqueue(line);
        while (_log.Count > 400)
            _log.TryDequeue(out _);
    }

    private static Process CreateProcess(
        IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> args
    )
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.ServerFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.ServerFolder, "Workflows.Server.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new Process { StartInfo = start };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
