using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Timers;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application;

/// <summary>
/// Retries what stopped an instance: an engine incident (script error, failed expression) re-runs the node; a service
/// task whose handler kept failing is run again from its original outbox payload (only the service tasks named by an
/// open incident: a call still in flight is left alone); a timer whose retry budget ran out
/// (<see cref="TimerFailures"/>) is re-armed: pending and due again, so it fires once more (a further failure raises a new
/// incident at once, its budget being spent).
/// </summary>
public sealed class IncidentService(
    WorkflowsDbContext db,
    WorkflowRuntime runtime,
    IBackgroundJobClient jobs,
    TimerBuckets buckets,
    TimeProvider time
)
{
    /// <summary>
    /// Adds an open incident on <paramref name="instanceId"/> and its <c>incident.raised</c> audit event (actor "system")
    /// to <paramref name="db"/>; the caller saves both in its transaction. A timer's incident names the timer (retrying
    /// re-arms it).
    /// </summary>
    /// <returns>The incident's id.</returns>
    internal static Guid Raise(
        WorkflowsDbContext db,
        DateTimeOffset now,
        Guid instanceId,
        string? elementId,
        string message,
        TimerEntity? timer = null
    )
    {
        var id = Guid.CreateVersion7();
        db.Incidents.Add(
            new IncidentEntity
            {
                Id = id,
                InstanceId = instanceId,
                ElementId = elementId,
                TimerId = timer?.Id,
                Message = message,
                CreatedAt = now,
            }
        );
        var data = new JsonObject { ["message"] = message };
        if (timer is not null)
        {
            data["timerId"] = timer.Id;
            data["kind"] = timer.Kind;
        }
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = "system",
                Action = "incident.raised",
                InstanceId = instanceId,
                TaskId = timer?.TaskId,
                ElementId = elementId,
                DataJson = data.ToJsonString(),
            }
        );
        return id;
    }

    /// <summary>Retries every open incident of an instance.</summary>
    /// <returns>How many incidents were resolved.</returns>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<int> RetryAsync(Guid instanceId, string? actor, CancellationToken ct)
    {
        var instance =
            await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct)
            ?? throw new NotFoundException($"Instance {instanceId} does not exist.");
        var open = await db
            .Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null)
            .ToListAsync(ct);
        if (open.Count == 0)
            return 0;
        var state = StateSerializer.Deserialize(instance.StateJson);
        if (state.Status == InstanceStatus.Incident)
            await runtime.ExecuteAsync(
                instanceId,
                new RetryIncident(),
                actor,
                "incident.retried",
                ct: ct
            );
        // Only the service calls that failed into an incident run again: a call still in flight (its job pending or
        // running) on an instance whose incident is a timer's would otherwise reach the outside system twice.
        var failedServices = open.Where(i => i.TimerId == null && i.ElementId != null)
            .Select(i => i.ElementId!)
            .ToHashSet(StringComparer.Ordinal);
        foreach (
            var bookmark in state.Bookmarks.Where(b =>
                b.Kind == BookmarkKind.Service && failedServices.Contains(b.ElementId)
            )
        )
        {
            var key = $"{OutboxTypes.ServiceInvoke}:{bookmark.Id}";
            var payload = await db
                .Outbox.AsNoTracking()
                .Where(o => o.IdempotencyKey == key)
                .Select(o => o.PayloadJson)
                .FirstOrDefaultAsync(ct);
            if (payload is not null)
                jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(payload, 0));
        }
        var now = time.GetUtcNow();
        var rearmed = await RearmTimersAsync(open, actor, now, ct);
        foreach (var incident in open)
        {
            incident.ResolvedAt = now;
            incident.ResolvedBy = actor;
        }
        await db.SaveChangesAsync(ct);
        foreach (var dueAt in rearmed)
            buckets.Schedule(dueAt > now ? dueAt : now); // the job of its second fires it (any node's drain would)
        return open.Count;
    }

    // The failed timers of the incidents: pending again, free of any hold, counted as before (the next attempt is past the
    // budget, so it is tried once). The row's concurrency token guards against a node writing it meanwhile.
    private async Task<List<DateTimeOffset>> RearmTimersAsync(
        List<IncidentEntity> open,
        string? actor,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var ids = open.Where(i => i.TimerId != null).Select(i => i.TimerId!).Distinct().ToList();
        if (ids.Count == 0)
            return [];
        var timers = await db
            .Timers.Where(t => ids.Contains(t.Id) && t.Status == TimerStatuses.Failed)
            .ToListAsync(ct);
        foreach (var timer in timers)
        {
            timer.Status = TimerStatuses.Pending;
            timer.LockedBy = null;
            timer.LockedUntil = null;
            timer.Version++;
            db.AuditEvents.Add(
                new AuditEventEntity
                {
                    At = now,
                    Actor = actor,
                    Action = "timer.rearmed",
                    InstanceId = timer.InstanceId,
                    TaskId = timer.TaskId,
                    ElementId = timer.ElementId,
                    DataJson = new JsonObject
                    {
                        ["timerId"] = timer.Id,
                        ["kind"] = timer.Kind,
                        ["attempts"] = timer.Attempts,
                    }.ToJsonString(),
                }
            );
        }
        return timers.Select(t => t.DueAt).Distinct().ToList();
    }
}
