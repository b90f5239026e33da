// A tiny in-process SMTP server on 127.0.0.1 that speaks just enough SMTP for MailKit (EHLO/HELO, MAIL, RCPT, DATA, QUIT).
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Server.Tests.Notifications;

/// <summary>Accepts mail on a free loopback port and keeps every message received.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts listening.</summary>
    public SmtpSink()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The port to configure as Notifications:Smtp:Port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Messages received: envelope recipients and the raw DATA.</summary>
    public ConcurrentQueue<(IReadOnlyList<string> Recipients, byte[] Data)> Messages { get; } =
        new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        async Task Say(string line) =>
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
        await Say("220 sink ESMTP");
        var recipients = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                case "HELO":
                    await Say("250 sink");
                    break;
                case "MAIL":
                    recipients.Clear();
                    await Say("250 OK");
                    break;
                case "RCPT":
                    recipients.Add(line[(line.IndexOf('<') + 1)..line.IndexOf('>')]);
                    await Say("250 OK");
                    break;
                case "DATA":
                    await Say("354 go ahead");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } body && body != ".")
                        data.Append(
                                body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body
                            )
                            .Append("\r\n");
                    Messages.Enqueue(
                        (recipients.ToList(), Encoding.Latin1.GetBytes(data.ToString()))
                    );
                    await Say("250 queued");
                    break;
                case "QUIT":
                    await Say("221 bye");
                    return;
                default:
                    await Say("250 OK");
                    break;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch { }
        _stop.Dispose();
    }
}
