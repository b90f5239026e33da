// Hand-overs made by the system on an SLA breach (wf:escalation): assign to a person, or offer to another group.
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application.Tasks;

namespace Workflows.Server.Application;

public sealed partial class TaskService
{
    /// <summary>
    /// Assigns the open, tracked <paramref name="task"/> to <paramref name="userName"/> on behalf of <paramref name="actor"/>
    /// (the SLA escalation). Changes are tracked, not saved: they commit with the caller's unit of work, and the task's
    /// Version token makes a concurrent claim or assignment win or lose as a whole. The candidate rows follow the task
    /// through the context's save (their copied state is refreshed there).
    /// </summary>
    /// <returns>The hand-over, or null when nothing changed (already the assignee, unknown user, task not open).</returns>
    internal async Task<TaskHandover?> HandOverToUserAsync(
        TaskEntity task,
        string userName,
        string actor,
        CancellationToken ct
    )
    {
        if (task.Status != TaskStatuses.Open || (task.Assignee == userName && task.Owner is null))
            return null;
        if (!await db.Users.AnyAsync(u => u.UserName == userName, ct))
            return null;
        var groups = await GroupsOfAsync(task.Id, ct);
        var change = new TaskHandover(task.Assignee, groups, userName, groups);
        var before = new { task.Assignee, task.Owner };
        task.Assignee = userName;
        task.Owner = null;
        task.ClaimedAt = time.GetUtcNow();
        task.Version++;
        AddAudit(
            "task.assigned",
            task,
            actor,
            new
            {
                before,
                after = new { Assignee = userName },
                reason = "sla.escalation",
            }
        );
        return change;
    }

    /// <summary>
    /// Offers the open, tracked <paramref name="task"/> to <paramref name="groupId"/> instead of its candidate groups and
    /// puts it back in the queue (unclaimed), on behalf of <paramref name="actor"/>; candidate users stay. Tracked, not
    /// saved, like <see cref="HandOverToUserAsync"/>; the task's bureau follows the new group.
    /// </summary>
    /// <returns>The hand-over, or null when the task already sits unclaimed in exactly that group's queue or is not open.</returns>
    internal async Task<TaskHandover?> OfferToGroupAsync(
        TaskEntity task,
        string groupId,
        string actor,
        CancellationToken ct
    )
    {
        if (task.Status != TaskStatuses.Open)
            return null;
        var rows = await db
            .TaskCandidates.Where(c => c.TaskId == task.Id && c.Kind == CandidateKinds.Group)
            .ToListAsync(ct);
        var groups = rows.Select(r => r.Value).Order(StringComparer.Ordinal).ToList();
        if (task.Assignee is null && task.Owner is null && groups.SequenceEqual([groupId]))
            return null;
        var change = new TaskHandover(task.Assignee, groups, null, [groupId]);
        var before = new
        {
            task.Assignee,
            task.Owner,
            CandidateGroups = groups,
        };
        db.TaskCandidates.RemoveRange(rows.Where(r => r.Value != groupId));
        if (!rows.Any(r => r.Value == groupId))
            db.TaskCandidates.Add(
                new TaskCandidateEntity
                {
                    TaskId = task.Id,
                    Kind = CandidateKinds.Group,
                    Value = groupId,
                }
            );
        task.Assignee = null;
        task.Owner = null;
        task.ClaimedAt = null;
        task.CandidateGroups = groupId;
        task.Bureau = EffectApplier.BureauOf([groupId]) ?? task.Bureau;
        task.Version++;
        AddAudit(
            "task.regrouped",
            task,
            actor,
            new
            {
                before,
                after = new { Assignee = (string?)null, CandidateGroups = new[] { groupId } },
                reason = "sla.escalation",
            }
        );
        return change;
    }

    private async Task<List<string>> GroupsOfAsync(string taskId, CancellationToken ct) =>
        (
            await db
                .TaskCandidates.AsNoTracking()
                .Where(c => c.TaskId == taskId && c.Kind == CandidateKinds.Group)
                .Select(c => c.Value)
                .ToListAsync(ct)
        )
            .Order(StringComparer.Ordinal)
            .ToList();

    private void AddAudit(string action, TaskEntity task, string actor, object data) =>
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = time.GetUtcNow(),
                Actor = actor,
                Action = action,
                InstanceId = task.InstanceId,
                TaskId = task.Id,
                ElementId = task.ElementId,
                DataJson = JsonSerializer.Serialize(data),
            }
        );
}
