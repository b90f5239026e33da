// The operator's consistency check (`check [--repair]`): instance snapshots against task, timer and subscription rows.
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;
using Workflows.Server.Application.Sla;

namespace Workflows.Server.Hosting;

/// <summary>
/// Compares each live instance's wait states (bookmarks) with the rows derived from them: every user-task bookmark has an
/// Open task, every timer bookmark a Pending timer, every message bookmark a subscription, and every Open task belongs to a
/// live instance that still waits on it. Commands write all of these in one transaction, so a finding means a manual edit,
/// a restore of a partial backup or a bug. Repairs are audited (<c>consistency.repaired</c>); run them when the system is
/// quiet, because they do not take the instance's optimistic lock.
/// </summary>
public sealed class ConsistencyChecker(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int BatchSize = 500;
    private static readonly string[] LiveStatuses =
    [
        nameof(InstanceStatus.Running),
        nameof(InstanceStatus.Incident),
    ];

    /// <summary>Checks every live instance and every Open task; with <paramref name="repair"/>, fixes what can be fixed.</summary>
    public async Task<ConsistencyReport> CheckAsync(bool repair, CancellationToken ct = default)
    {
        var findings = new List<ConsistencyFinding>();
        List<Guid> live;
        using (var scope = scopes.CreateScope())
            live = await scope
                .ServiceProvider.GetRequiredService<WorkflowsDbContext>()
                .Instances.Where(i => LiveStatuses.Contains(i.Status))
                .Select(i => i.Id)
                .ToListAsync(ct);
        foreach (var chunk in live.Chunk(BatchSize))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            // Re-read the status: an instance that ended since the id list was read is checked as ended (orphans below).
            var batch = await db
                .Instances.Where(i => chunk.Contains(i.Id) && LiveStatuses.Contains(i.Status))
                .Select(i => new { i.Id, i.StateJson })
                .ToListAsync(ct);
            var ids = batch.Select(b => b.Id).ToList();
            var tasks = await db
                .Tasks.Where(t => ids.Contains(t.InstanceId) && t.Status == TaskStatuses.Open)
                .ToListAsync(ct);
            var timers = await db
                .Timers.Where(t =>
                    t.InstanceId != null
                    && ids.Contains(t.InstanceId.Value)
                    && t.Kind == TimerKinds.Bpmn
                )
                .ToListAsync(ct);
            var subscriptions = await db
                .MessageSubscriptions.Where(s => ids.Contains(s.InstanceId))
                .Select(s => s.Id)
                .ToListAsync(ct);
            var found = new List<ConsistencyFinding>();
            foreach (var instance in batch)
            {
                var state = StateSerializer.Deserialize(instance.StateJson);
                var taskBookmarks = new HashSet<string>(StringComparer.Ordinal);
                foreach (var bookmark in state.Bookmarks)
                    switch (bookmark.Kind)
                    {
                        case BookmarkKind.UserTask:
                            taskBookmarks.Add(bookmark.Id);
                            if (!tasks.Any(t => t.Id == bookmark.Id))
                                found.Add(
                                    new(
                                        ConsistencyKinds.MissingTask,
                                        instance.Id,
                                        bookmark.Id,
                                        $"user task {bookmark.ElementId} waits but has no Open task row"
                                    )
                                );
                            break;
                        case BookmarkKind.Timer
                            when !timers.Any(t =>
                                t.Id == bookmark.Id
                                && t.Status is TimerStatuses.Pending or TimerStatuses.Failed
                            ): // Failed: an open incident
                            var f = new ConsistencyFinding(
                                ConsistencyKinds.MissingTimer,
                                instance.Id,
                                bookmark.Id,
                                $"timer {bookmark.ElementId} due {bookmark.DueAt:O} has no Pending timer row"
                            );
                            found.Add(f);
                            if (repair)
                                f.Repaired = RepairTimer(
                                    db,
                                    timers.FirstOrDefault(t => t.Id == bookmark.Id),
                                    instance.Id,
                                    bookmark
                                );
                            break;
                        case BookmarkKind.Message when !subscriptions.Contains(bookmark.Id):
                            var m = new ConsistencyFinding(
                                ConsistencyKinds.MissingSubscription,
                                instance.Id,
                                bookmark.Id,
                                $"message {bookmark.MessageName} at {bookmark.ElementId} has no subscription row"
                            );
                            found.Add(m);
                            if (repair)
                            {
                                db.MessageSubscriptions.Add(
                                    new MessageSubscriptionEntity
                                    {
                                        Id = bookmark.Id,
                                        InstanceId = instance.Id,
                                        ElementId = bookmark.ElementId,
                                        MessageName = bookmark.MessageName ?? "",
                                        CorrelationKey = bookmark.CorrelationKey,
                                        CreatedAt = time.GetUtcNow(),
                                    }
                                );
                                m.Repaired = true;
                            }
                            break;
                    }
                foreach (
                    var stale in tasks.Where(t =>
                        t.InstanceId == instance.Id && !taskBookmarks.Contains(t.Id)
                    )
                )
                    found.Add(
                        await OrphanAsync(
                            scope,
                            db,
                            stale,
                            "its instance no longer waits on it",
                            repair
                        )
                    );
            }
            if (repair)
                await SaveRepairsAsync(db, found, ct);
            findings.AddRange(found);
        }
        findings.AddRange(await OrphansOfEndedInstancesAsync(repair, ct));
        return new ConsistencyReport(live.Count, findings);
    }

    private async Task<List<ConsistencyFinding>> OrphansOfEndedInstancesAsync(
        bool repair,
        CancellationToken ct
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var orphans = await db
            .Tasks.Where(t =>
                t.Status == TaskStatuses.Open
                && !db.Instances.Any(i => i.Id == t.InstanceId && LiveStatuses.Contains(i.Status))
            )
            .OrderBy(t => t.Id)
            .Take(10_000)
            .ToListAsync(ct);
        var found = new List<ConsistencyFinding>();
        foreach (var task in orphans)
            found.Add(await OrphanAsync(scope, db, task, "its instance is not running", repair));
        if (repair)
            await SaveRepairsAsync(db, found, ct);
        return found;
    }

    private async Task<ConsistencyFinding> OrphanAsync(
        IServiceScope scope,
        WorkflowsDbContext db,
        TaskEntity task,
        string why,
        bool repair
    )
    {
        var finding = new ConsistencyFinding(
            ConsistencyKinds.OrphanTask,
            task.InstanceId,
            task.Id,
            $"Open task {task.ElementId}: {why}"
        );
        if (!repair)
            return finding;
        var now = time.GetUtcNow();
        task.Status = TaskStatuses.Cancelled;
        task.CompletedAt = now;
        task.Version++;
        await scope
            .ServiceProvider.GetRequiredService<ISlaTracker>()
            .OnTaskEndedAsync(db, task, now);
        finding.Repaired = true;
        return finding;
    }

    // A timer row that exists in another status is put back to Pending; a missing one is recreated. Either way an outbox row
    // asks a node to schedule it (the sweep would also fire it once overdue).
    private bool RepairTimer(
        WorkflowsDbContext db,
        TimerEntity? row,
        Guid instanceId,
        Bookmark bookmark
    )
    {
        var now = time.GetUtcNow();
        var dueAt = (bookmark.DueAt ?? now).ToUniversalTime();
        if (row is null)
            db.Timers.Add(
                new TimerEntity
                {
                    Id = bookmark.Id,
                    InstanceId = instanceId,
                    ElementId = bookmark.ElementId,
                    Kind = TimerKinds.Bpmn,
                    DueAt = dueAt,
                    Status = TimerStatuses.Pending,
                    CreatedAt = now,
                    Version = 1,
                }
            );
        else
        {
            row.Status = TimerStatuses.Pending;
            row.DueAt = dueAt;
            row.FiredAt = null;
            row.Version++;
        }
        db.Outbox.Add(
            new OutboxEntity
            {
                InstanceId = instanceId,
                Type = OutboxTypes.TimerSchedule,
                IdempotencyKey = $"{OutboxTypes.TimerSchedule}:{bookmark.Id}:repair:{now.UtcTicks}",
                PayloadJson = JsonSerializer.Serialize(
                    new { timerId = bookmark.Id, dueAt },
                    StateSerializer.Options
                ),
                CreatedAt = now,
            }
        );
        return true;
    }

    private async Task SaveRepairsAsync(
        WorkflowsDbContext db,
        IEnumerable<ConsistencyFinding> findings,
        CancellationToken ct
    )
    {
        var now = time.GetUtcNow();
        foreach (var f in findings.Where(f => f.Repaired))
            db.AuditEvents.Add(
                new AuditEventEntity
                {
                    At = now,
                    Actor = "system",
                    Action = "consistency.repaired",
                    InstanceId = f.InstanceId,
                    TaskId = f.Kind == ConsistencyKinds.OrphanTask ? f.ItemId : null,
                    DataJson = JsonSerializer.Serialize(
                        new
                        {
                            kind = f.Kind,
                            item = f.ItemId,
                            detail = f.Detail,
                        }
                    ),
                }
            );
        await db.SaveChangesAsync(ct);
    }
}
