// A local HTTP listener standing in for a webhook receiver: fails a configurable number of first calls, checks signatures.
using System.Net;
using System.Net.Sockets;
using Workflows.Server.Application.Notifications;

namespace Workflows.Server.Tests.Notifications;

/// <summary>Answers 500 to the first <c>failures</c> POSTs (all of them when negative), 200 afterwards.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly int _failures;
    private int _calls;

    /// <summary>Starts on a free loopback port.</summary>
    public WebhookSink(string secret, int failures)
    {
        _failures = failures;
        Secret = secret;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The URL to configure.</summary>
    public string Url { get; }

    /// <summary>The shared secret.</summary>
    public string Secret { get; }

    /// <summary>POSTs received so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>POSTs whose signature header did not match the body.</summary>
    public int BadSignatures { get; private set; }

    /// <summary>The last body received.</summary>
    public string? LastBody { get; private set; }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch
            {
                return;
            }
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (
                context.Request.Headers[WebhookSender.SignatureHeader]
                != WebhookSender.Sign(Secret, body)
            )
                BadSignatures++;
            LastBody = System.Text.Encoding.UTF8.GetString(body);
            var n = Interlocked.Increment(ref _calls);
            context.Response.StatusCode = _failures < 0 || n <= _failures ? 500 : 200;
            context.Response.Close();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch { }
    }
}
