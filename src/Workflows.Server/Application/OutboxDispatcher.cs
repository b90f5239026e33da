using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Timers;
using Workflows.Server.Jobs;
using Workflows.Server.Observability;

namespace Workflows.Server.Application;

/// <summary>
/// Hands committed outbox rows to their executors (Hangfire for timers and service calls, the runtime for child and
/// parent instances) and marks them dispatched. A row is leased before it is handled so two nodes do not both work on
/// it; every handler is idempotent, so a row replayed after a crash between commit and dispatch does nothing twice
/// that anyone could see.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    TimerBuckets timers,
    WorkflowRuntime runtime,
    DispatchGate gate,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger
)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Dispatches the given rows (just committed by a command).</summary>
    public async Task DispatchAsync(IReadOnlyList<long> ids, CancellationToken ct = default)
    {
        if (!gate.Enabled)
            return;
        foreach (var id in ids)
            await DispatchOneAsync(id, ct);
    }

    /// <summary>Dispatches every row not yet dispatched whose lease expired (start-up replay and the sweep).</summary>
    /// <returns>How many rows were handled.</returns>
    public async Task<int> DispatchPendingAsync(CancellationToken ct = default)
    {
        if (!gate.Enabled)
            return 0;
        List<long> ids;
        var now = time.GetUtcNow();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            ids = await db
                .Outbox.Where(o =>
                    o.DispatchedAt == null && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
                )
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .Take(1000)
                .ToListAsync(ct);
        }
        var handled = 0;
        foreach (var id in ids)
            if (await DispatchOneAsync(id, ct))
                handled++;
        return handled;
    }

    private async Task<bool> DispatchOneAsync(long id, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var now = time.GetUtcNow();
        var leaseUntil = now + Lease;
        // Take a lease in one statement so that of two nodes only one handles the row.
        var leased = await db
            .Outbox.Where(o =>
                o.Id == id
                && o.DispatchedAt == null
                && (o.NextAttemptAt == null || o.NextAttemptAt <= now)
            )
            .ExecuteUpdateAsync(
                s =>
                    s.SetProperty(o => o.NextAttemptAt, leaseUntil)
                        .SetProperty(o => o.Attempts, o => o.Attempts + 1),
                ct
            );
        if (leased == 0)
            return false;
        var row = await db.Outbox.AsNoTracking().FirstAsync(o => o.Id == id, ct);
        string? error = null;
        try
        {
            await HandleAsync(row.Type, JsonNode.Parse(row.PayloadJson)!.AsObject(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.Message;
            LogDispatchFailed(logger, ex, row.Type, id);
        }
        var done = time.GetUtcNow();
        WorkflowsMetrics.OutboxDispatched(row.Type, error is null);
        if (error is null)
            await db
                .Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, done), ct);
        else
        {
            var retryAt = done + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, row.Attempts)));
            await db
                .Outbox.Where(o => o.Id == id)
                .ExecuteUpdateAsync(
                    s =>
                        s.SetProperty(o => o.LastError, error)
                            .SetProperty(o => o.NextAttemptAt, retryAt),
                    ct
                );
        }
        return error is null;
    }

    private async Task HandleAsync(string type, JsonObject payload, CancellationToken ct)
    {
        switch (type)
        {
            case OutboxTypes.TimerSchedule:
                // The job of the timer's due second fires it (with every other timer due then).
                timers.Schedule(payload["dueAt"]!.GetValue<DateTimeOffset>());
                break;
            case OutboxTypes.ServiceInvoke:
                var json = payload.ToJsonString();
                jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(json, 0));
                break;
            case OutboxTypes.ChildStart:
                await runtime.StartAsync(
                    new StartRequest(
                        (string)payload["definitionKey"]!,
                        (int?)payload["version"],
                        (string?)payload["businessKey"],
                        payload["variables"]?.AsObject(),
                        "system",
                        payload["childInstanceId"]!.GetValue<Guid>(),
                        ParentInstanceId: payload["parentInstanceId"]!.GetValue<Guid>(),
                        ParentBookmarkId: (string)payload["bookmarkId"]!
                    ),
                    ct
                );
                break;
            case OutboxTypes.ChildCancel:
                await IgnoringFinishedAsync(() =>
                    runtime.ExecuteAsync(
                        payload["childInstanceId"]!.GetValue<Guid>(),
                        new CancelInstance("parent activity interrupted"),
                        "system",
                        "instance.cancelled",
                        ct: ct
                    )
                );
                break;
            case OutboxTypes.ParentNotify:
                await IgnoringFinishedAsync(() =>
                    runtime.ExecuteAsync(
                        payload["parentInstanceId"]!.GetValue<Guid>(),
                        new CompleteChild(
                            (string)payload["bookmarkId"]!,
                            payload["variables"]?.DeepClone().AsObject(),
                            (string?)payload["errorCode"]
                        ),
                        "system",
                        "child.completed",
                        ct: ct
                    )
                );
                break;
            default:
                throw new InvalidOperationException($"Unknown outbox type '{type}'.");
        }
    }

    // A replayed row whose work was already done finds its bookmark gone: that is success, not failure.
    private static async Task IgnoringFinishedAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (NotFoundException) { }
        catch (ConflictException) { }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Dispatching outbox row {Type} #{Id} failed; it will be retried"
    )]
    private static partial void LogDispatchFailed(
        ILogger logger,
        Exception ex,
        string type,
        long id
    );
}

/// <summary>Whether commands dispatch their outbox right after commit. Tests close it to simulate a crash between commit and dispatch.</summary>
public sealed class DispatchGate
{
    /// <summary>True (the default) to dispatch.</summary>
    public bool Enabled { get; set; } = true;
}
