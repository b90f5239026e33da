// The mixed load of the crash test and what the server acknowledged under it: only an acknowledged operation is a
// promise the database must keep after a SIGKILL; anything cut off may or may not have committed, never half.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflows.Robustness.Tests.Crash;

/// <summary>
/// Four client loops against one server, run until it dies: starts; a clerk who returns every other new task for
/// supplement (补正) and completes the rest; the applicant who answers every notice; an outside system that sends the
/// payment message of each case whose review was completed. The state survives restarts, so work cut off by a kill is
/// picked up in the next round.
/// </summary>
public sealed class CrashLoad(string definitionKey, string messageName)
{
    private readonly ConcurrentDictionary<string, byte> _supplementAsked = new();
    private readonly ConcurrentDictionary<Guid, byte> _awaitingAnswer = new();
    private readonly ConcurrentDictionary<Guid, string> _awaitingMessage = new();
    private int _taskTurn;
    private int _acknowledged;

    /// <summary>Instances answered 201, with their business key.</summary>
    public ConcurrentDictionary<Guid, string> Started { get; } = new();

    /// <summary>Task completions answered 2xx: task id → instance id.</summary>
    public ConcurrentDictionary<string, Guid> Completed { get; } = new();

    /// <summary>Supplement notices answered 200 to the clerk: notice id → task id.</summary>
    public ConcurrentDictionary<Guid, string> Notices { get; } = new();

    /// <summary>Applicant answers acknowledged with 200: notice id → instance id.</summary>
    public ConcurrentDictionary<Guid, Guid> Answered { get; } = new();

    /// <summary>Instances a message answer listed as resumed.</summary>
    public ConcurrentDictionary<Guid, byte> Correlated { get; } = new();

    /// <summary>Operations acknowledged so far, of every kind.</summary>
    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>Waits until an operation is acknowledged after this call, or <paramref name="limit"/> passes.</summary>
    public async Task UnderWayAsync(TimeSpan limit)
    {
        var before = Acknowledged;
        var until = DateTime.UtcNow + limit;
        while (Acknowledged == before && DateTime.UtcNow < until)
            await Task.Delay(20);
    }

    /// <summary>The four loops; each ends when <paramref name="stop"/> is cancelled or the server stops answering.</summary>
    public Task[] Run(HttpClient client, CancellationToken stop) =>
        [
            Guarded(StartLoopAsync, client, stop),
            Guarded(TaskLoopAsync, client, stop),
            Guarded(ApplicantLoopAsync, client, stop),
            Guarded(MessageLoopAsync, client, stop),
        ];

    private void Ack<TKey, TValue>(
        ConcurrentDictionary<TKey, TValue> acknowledged,
        TKey key,
        TValue value
    )
        where TKey : notnull
    {
        acknowledged[key] = value;
        Interlocked.Increment(ref _acknowledged);
    }

    private static async Task Guarded(
        Func<HttpClient, CancellationToken, Task> loop,
        HttpClient client,
        CancellationToken stop
    )
    {
        try
        {
            await loop(client, stop);
        }
        catch (Exception ex)
            when (ex
                    is HttpRequestException
                        or OperationCanceledException
                        or System.Text.Json.JsonException
                        or IOException
            )
        {
            // The server died under us: that is the point. Killed while an answer's body was on its way, the read fails
            // with an IOException (HttpIOException, "the response ended prematurely") rather than HttpRequestException.
        }
    }

    private async Task StartLoopAsync(HttpClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var businessKey = $"CR-{Guid.NewGuid():N}";
            var response = await client.PostAsJsonAsync(
                "/api/instances",
                new
                {
                    definitionKey,
                    businessKey,
                    variables = new { n = 1 },
                },
                stop
            );
            if (response.StatusCode == HttpStatusCode.Created)
                Ack(
                    Started,
                    (await response.Content.ReadFromJsonAsync<JsonObject>(stop))![
                        "id"
                    ]!.GetValue<Guid>(),
                    businessKey
                );
        }
    }

    // Every other task seen for the first time, starting with the first, is returned for supplement (one notice per
    // task); the others, and the supplemented ones once answered, are completed. A task waiting for its supplement is left alone.
    private async Task TaskLoopAsync(HttpClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var page = await client.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=20", stop);
            foreach (var task in page!["items"]!.AsArray())
            {
                if ((bool?)task!["waitingForSupplement"] == true)
                    continue;
                var id = (string)task["id"]!;
                var instanceId = task["instanceId"]!.GetValue<Guid>();
                if (
                    !_supplementAsked.ContainsKey(id)
                    && Interlocked.Increment(ref _taskTurn) % 2 == 1
                )
                {
                    _supplementAsked[id] = 0;
                    try
                    {
                        var asked = await client.PostAsJsonAsync(
                            $"/api/tasks/{id}/supplement",
                            new
                            {
                                items = new[] { new { key = "id-card", note = "unreadable scan" } },
                                note = "crash test",
                            },
                            stop
                        );
                        if (asked.StatusCode == HttpStatusCode.OK)
                            Ack(
                                Notices,
                                (await asked.Content.ReadFromJsonAsync<JsonObject>(stop))![
                                    "id"
                                ]!.GetValue<Guid>(),
                                id
                            );
                    }
                    finally
                    {
                        // Acknowledged or cut off: the notice may exist, so the applicant looks.
                        _awaitingAnswer[instanceId] = 0;
                    }
                    continue;
                }
                var done = await client.PostAsJsonAsync(
                    $"/api/tasks/{id}/complete",
                    new { variables = new { approved = true } },
                    stop
                );
                if (done.IsSuccessStatusCode)
                {
                    Ack(Completed, id, instanceId);
                    _awaitingMessage[instanceId] = (string)task["businessKey"]!;
                }
            }
            await Task.Delay(50, stop);
        }
    }

    // The applicant (the clerk who started the case) answers every open notice of a case that was returned.
    private async Task ApplicantLoopAsync(HttpClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var instanceId in _awaitingAnswer.Keys)
            {
                var notices = await client.GetFromJsonAsync<JsonArray>(
                    $"/api/instances/{instanceId}/supplements",
                    stop
                );
                var open = 0;
                foreach (var notice in notices!.Where(n => n!["answeredAt"] is null))
                {
                    var noticeId = notice!["id"]!.GetValue<Guid>();
                    var answer = await client.PostAsJsonAsync(
                        $"/api/instances/{instanceId}/supplements/{noticeId}/answer",
                        new { variables = new { idCardRescanned = true } },
                        stop
                    );
                    if (answer.StatusCode == HttpStatusCode.OK)
                        Ack(Answered, noticeId, instanceId);
                    else
                        open++;
                }
                // Every notice answered (or none: the request that would have issued one never committed).
                if (open == 0)
                    _awaitingAnswer.TryRemove(instanceId, out _);
            }
            await Task.Delay(50, stop);
        }
    }

    // The payment message of each case whose review completion was acknowledged, correlated by business key.
    private async Task MessageLoopAsync(HttpClient client, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var (instanceId, businessKey) in _awaitingMessage)
            {
                var response = await client.PostAsJsonAsync(
                    "/api/messages",
                    new
                    {
                        name = messageName,
                        correlationKey = businessKey,
                        variables = new { paid = true },
                    },
                    stop
                );
                if (response.StatusCode != HttpStatusCode.OK)
                    continue;
                var resumed = (await response.Content.ReadFromJsonAsync<JsonObject>(stop))![
                    "resumed"
                ]!
                    .AsArray()
                    .Select(r => r!.GetValue<Guid>())
                    .ToList();
                foreach (var id in resumed)
                    Ack(Correlated, id, (byte)0);
                // Resumed now, or an earlier delivery cut off by a kill had already committed: either way, done.
                _awaitingMessage.TryRemove(instanceId, out _);
            }
            await Task.Delay(50, stop);
        }
    }
}
