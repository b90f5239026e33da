// What must hold in the database after the crash test, read straight from the tables: every acknowledged operation is
// stored exactly once, nothing is duplicated, and the audit trail matches the state it describes.
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;

namespace Workflows.Robustness.Tests.Crash;

/// <summary>The invariants of the crash test.</summary>
public static class CrashInvariants
{
    /// <summary>Asserts every invariant against <paramref name="db"/> given what <paramref name="load"/> was told; findings not (yet) asserted go to <paramref name="log"/>.</summary>
    public static async Task AssertAsync(
        WorkflowsDbContext db,
        CrashLoad load,
        int kills,
        Action<string> log
    )
    {
        var instances = await db
            .Instances.AsNoTracking()
            .Select(i => new { i.Id, i.Status })
            .ToListAsync();
        var tasks = await db
            .Tasks.AsNoTracking()
            .Select(t => new
            {
                t.Id,
                t.InstanceId,
                t.ElementId,
                t.Status,
                t.SuspendedAt,
            })
            .ToListAsync();
        var audit = await db
            .AuditEvents.AsNoTracking()
            .Where(a =>
                a.Action == "timer.fired"
                || a.Action == "task.completed"
                || a.Action.StartsWith("task.supplement-requested")
                || a.Action == "supplement.answered"
                || a.Action == "message.correlated"
                || a.Action == "sla.paused"
                || a.Action == "sla.resumed"
            )
            .Select(a => new Audit(a.Action, a.InstanceId, a.TaskId, a.DataJson))
            .ToListAsync();
        Assert.True(
            load.Started.Count > kills,
            $"the load started only {load.Started.Count} instances over {kills} kills"
        );

        var byId = instances.ToDictionary(i => i.Id);
        var missing = load.Started.Keys.Where(id => !byId.ContainsKey(id)).ToList();
        Assert.True(
            missing.Count == 0,
            $"{missing.Count} instances acknowledged with 201 are gone: {string.Join(", ", missing.Take(5))}"
        );

        var duplicated = tasks
            .GroupBy(t => (t.InstanceId, t.ElementId))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.True(
            duplicated.Count == 0,
            $"duplicated tasks: {string.Join(", ", duplicated.Take(5))}"
        );
        var ended = instances
            .Where(i => i.Status is "Completed" or "Cancelled" or "Terminated")
            .Select(i => i.Id)
            .ToHashSet();
        var orphans = tasks
            .Where(t => t.Status == TaskStatuses.Open && ended.Contains(t.InstanceId))
            .ToList();
        Assert.True(
            orphans.Count == 0,
            $"open tasks of ended instances: {string.Join(", ", orphans.Take(5))}"
        );

        await AssertTimersAsync(db, audit);

        var completedAudit = audit
            .Where(a => a.Action == "task.completed")
            .GroupBy(a => a.TaskId)
            .ToDictionary(g => g.Key ?? "", g => g.Count());
        foreach (var task in tasks.Where(t => t.Status == TaskStatuses.Completed))
            Assert.True(
                completedAudit.GetValueOrDefault(task.Id) == 1,
                $"task {task.Id} completed with {completedAudit.GetValueOrDefault(task.Id)} task.completed events"
            );
        var acknowledgedButOpen = tasks
            .Where(t => load.Completed.ContainsKey(t.Id) && t.Status != TaskStatuses.Completed)
            .ToList();
        Assert.True(
            acknowledgedButOpen.Count == 0,
            $"completions acknowledged with 2xx but not stored: {acknowledgedButOpen.Count}"
        );

        await AssertSupplementsAsync(
            db,
            load,
            audit,
            tasks.ToDictionary(t => t.Id, t => (t.Status, t.SuspendedAt))
        );
        await AssertMessagesAsync(
            db,
            load,
            audit,
            instances.ToDictionary(i => i.Id, i => i.Status),
            log
        );
    }

    // Every due timer fired, each firing counted once in the audit trail.
    private static async Task AssertTimersAsync(WorkflowsDbContext db, List<Audit> audit)
    {
        // The BPMN timers; the task clocks' SLA timers are due in days and are checked through the clocks.
        var timers = await db
            .Timers.AsNoTracking()
            .Where(t => t.InstanceId != null && t.Kind == TimerKinds.Bpmn)
            .Select(t => new
            {
                t.Id,
                t.InstanceId,
                t.Status,
                t.Attempts,
                t.DueAt,
            })
            .ToListAsync();
        var now = DateTimeOffset.UtcNow;
        var unfired = timers
            .Where(t => t.Status == TimerStatuses.Pending && t.DueAt < now.AddSeconds(-60))
            .ToList();
        Assert.True(unfired.Count == 0, $"{unfired.Count} timers long due never fired");
        var fired = timers.Where(t => t.Status == TimerStatuses.Fired).ToList();
        Assert.NotEmpty(fired);
        Assert.All(
            fired,
            t => Assert.True(t.Attempts >= 1, $"timer {t.Id} fired with {t.Attempts} attempts")
        );
        var firedAudit = audit
            .Where(a => a.Action == "timer.fired")
            .GroupBy(a => a.InstanceId)
            .ToDictionary(g => g.Key!.Value, g => g.Count());
        foreach (var perInstance in fired.GroupBy(t => t.InstanceId!.Value))
            Assert.True(
                firedAudit.GetValueOrDefault(perInstance.Key) == perInstance.Count(),
                $"instance {perInstance.Key}: {perInstance.Count()} fired timers, {firedAudit.GetValueOrDefault(perInstance.Key)} timer.fired events"
            );
    }

    // Every notice acknowledged to the clerk is stored once, with one request event; every answer acknowledged to the
    // applicant is stored, with one answer event; a task's clock is paused exactly while one of its notices is open.
    private static async Task AssertSupplementsAsync(
        WorkflowsDbContext db,
        CrashLoad load,
        List<Audit> audit,
        Dictionary<string, (string Status, DateTimeOffset? SuspendedAt)> tasks
    )
    {
        var notices = await db
            .SupplementNotices.AsNoTracking()
            .Select(n => new
            {
                n.Id,
                n.InstanceId,
                n.TaskId,
                n.AnsweredAt,
            })
            .ToListAsync();
        var noticeById = notices.ToDictionary(n => n.Id);
        // The load must have reached the supplement path; answers and messages follow it and are checked where they
        // happened (a loaded machine may cut them all off: their counts are in the test output).
        Assert.NotEmpty(notices);
        var lost = load
            .Notices.Where(n =>
                !noticeById.TryGetValue(n.Key, out var stored) || stored.TaskId != n.Value
            )
            .Select(n => n.Key)
            .ToList();
        Assert.True(
            lost.Count == 0,
            $"supplement notices acknowledged but not stored: {string.Join(", ", lost.Take(5))}"
        );
        var unanswered = load.Answered.Keys.Where(id => noticeById[id].AnsweredAt is null).ToList();
        Assert.True(
            unanswered.Count == 0,
            $"answers acknowledged but not stored: {string.Join(", ", unanswered.Take(5))}"
        );

        var requested = audit
            .Where(a => a.Action.StartsWith("task.supplement-requested", StringComparison.Ordinal))
            .GroupBy(a => NoticeId(a))
            .ToDictionary(g => g.Key, g => g.Count());
        var answered = audit
            .Where(a => a.Action == "supplement.answered")
            .GroupBy(a => NoticeId(a))
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(notices.Count, requested.Values.Sum());
        foreach (var n in notices)
        {
            Assert.True(
                requested.GetValueOrDefault(n.Id) == 1,
                $"notice {n.Id}: {requested.GetValueOrDefault(n.Id)} request events"
            );
            Assert.True(
                answered.GetValueOrDefault(n.Id) == (n.AnsweredAt is null ? 0 : 1),
                $"notice {n.Id} (answered: {n.AnsweredAt is not null}): {answered.GetValueOrDefault(n.Id)} answer events"
            );
        }

        var clocks = await db
            .SlaClocks.AsNoTracking()
            .Where(c => c.TaskId != null)
            .Select(c => new { c.TaskId, c.Status })
            .ToListAsync();
        var clockByTask = clocks
            .GroupBy(c => c.TaskId!)
            .ToDictionary(g => g.Key, g => g.Single().Status);
        var paused = audit
            .Where(a => a.Action == "sla.paused")
            .GroupBy(a => a.TaskId ?? "")
            .ToDictionary(g => g.Key, g => g.Count());
        var resumed = audit
            .Where(a => a.Action == "sla.resumed")
            .GroupBy(a => a.TaskId ?? "")
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var perTask in notices.GroupBy(n => n.TaskId))
        {
            var open = perTask.Count(n => n.AnsweredAt is null);
            var (status, suspendedAt) = tasks[perTask.Key];
            Assert.True(
                paused.GetValueOrDefault(perTask.Key) == perTask.Count(),
                $"task {perTask.Key}: {perTask.Count()} notices, {paused.GetValueOrDefault(perTask.Key)} sla.paused events"
            );
            Assert.True(
                resumed.GetValueOrDefault(perTask.Key) == perTask.Count() - open,
                $"task {perTask.Key}: {perTask.Count() - open} answers, {resumed.GetValueOrDefault(perTask.Key)} sla.resumed events"
            );
            if (status != TaskStatuses.Open)
            {
                Assert.True(open == 0, $"task {perTask.Key} is {status} with an unanswered notice");
                continue;
            }
            Assert.True(
                (suspendedAt is not null) == (open > 0),
                $"task {perTask.Key}: {open} unanswered notices, suspended {suspendedAt is not null}"
            );
            Assert.True(
                clockByTask[perTask.Key] == (open > 0 ? "paused" : "running"),
                $"task {perTask.Key}: {open} unanswered notices, clock {clockByTask[perTask.Key]}"
            );
        }
    }

    // Every delivery acknowledged as having resumed an instance consumed its subscription exactly once, and no instance
    // was resumed by the message twice.
    private static async Task AssertMessagesAsync(
        WorkflowsDbContext db,
        CrashLoad load,
        List<Audit> audit,
        Dictionary<Guid, string> instances,
        Action<string> log
    )
    {
        var subscriptions = await db
            .MessageSubscriptions.AsNoTracking()
            .Select(s => s.InstanceId)
            .ToListAsync();
        var correlated = audit
            .Where(a => a.Action == "message.correlated")
            .GroupBy(a => a.InstanceId!.Value)
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in load.Correlated.Keys)
            Assert.True(
                correlated.GetValueOrDefault(id) == 1 && instances[id] == "Completed",
                $"instance {id}: acknowledged as resumed, {correlated.GetValueOrDefault(id)} message.correlated events, {instances[id]}"
            );
        Assert.All(
            correlated,
            c =>
                Assert.True(
                    c.Value == 1 && instances[c.Key] == "Completed",
                    $"instance {c.Key}: {c.Value} message.correlated events, {instances[c.Key]}"
                )
        );
        var twice = subscriptions
            .GroupBy(s => s)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        Assert.True(
            twice.Count == 0,
            $"instances waiting twice for the message: {string.Join(", ", twice.Take(5))}"
        );
        // Not asserted (yet): a subscription row outlives the correlation that consumed it. The engine's state decides, so a
        // second delivery finds the instance ended and resumes nothing; the row is a leak, reported here (docs/benchmarks.md).
        var stale = subscriptions.Count(s =>
            correlated.ContainsKey(s) || instances[s] != "Running"
        );
        log(
            $"message subscriptions left by correlated or ended instances: {stale} of {subscriptions.Count}"
        );
    }

    private static Guid NoticeId(Audit a) =>
        JsonNode.Parse(a.DataJson ?? "{}")!["noticeId"]!.GetValue<Guid>();

    private sealed record Audit(string Action, Guid? InstanceId, string? TaskId, string? DataJson);
}
