using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Application;

/// <summary>
/// The clerk's task operations with their authorization: a task outside the user's groups does not exist for them
/// (404, never 403), readers (managers, supervisors) see but do not act (403), and concurrent actions have exactly one
/// winner (409 with the current state for the others).
/// </summary>
public sealed class TaskService(WorkflowsDbContext db, WorkflowRuntime runtime, ISlaTracker sla, TimeProvider time)
{
    /// <summary>Tasks the user may see: assigned to them, offered to their groups or to them by name, or all for readers.</summary>
    public IQueryable<TaskEntity> Visible(CurrentUser user)
    {
        var tasks = db.Tasks.AsNoTracking();
        if (user.ReadsEverything)
            return tasks;
        var groups = user.Groups.ToList();
        var name = user.UserName;
        return tasks.Where(t =>
            t.Assignee == name
            || t.Owner == name
            || db.TaskCandidates.Any(c => c.TaskId == t.Id && ((c.Kind == "group" && groups.Contains(c.Value)) || (c.Kind == "user" && c.Value == name)))
        );
    }

    /// <summary>A task the user may see.</summary>
    /// <exception cref="NotFoundException">No such task, or not visible to the user.</exception>
    public async Task<TaskEntity> GetAsync(string id, CurrentUser user, CancellationToken ct) =>
        await Visible(user).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Task {id} does not exist.");

    /// <summary>Claims an open, unassigned task.</summary>
    public async Task<TaskEntity> ClaimAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee == user.UserName)
            return task; // idempotent retry
        if (task.Assignee is not null)
            throw new ConflictException($"Task {id} is already claimed by {task.Assignee}.", task.Status);
        var changed = await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.Assignee == null && t.Version == task.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, user.UserName).SetProperty(t => t.ClaimedAt, time.GetUtcNow()).SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (changed == 0)
            throw await ConflictFor(id, ct);
        await AuditAsync("task.claimed", task, user, ct);
        return await GetAsync(id, user, ct);
    }

    /// <summary>Gives a claimed task back to its groups.</summary>
    public async Task<TaskEntity> UnclaimAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee is null)
            return task;
        if (task.Assignee != user.UserName && !user.IsIn(Roles.Chief))
            throw new ConflictException($"Task {id} is claimed by {task.Assignee}.", task.Status);
        var changed = await db.Tasks.Where(t => t.Id == id && t.Status == TaskStatuses.Open && t.Version == task.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, (string?)null).SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null).SetProperty(t => t.Version, t => t.Version + 1), ct);
        if (changed == 0)
            throw await ConflictFor(id, ct);
        await AuditAsync("task.unclaimed", task, user, ct);
        return await GetAsync(id, user, ct);
    }

    /// <summary>Completes a task with variables; the instance moves on in the same transaction.</summary>
    public async Task<TaskEntity> CompleteAsync(string id, JsonObject? variables, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee is not null && task.Assignee != user.UserName)
            throw new ConflictException($"Task {id} is claimed by {task.Assignee}.", task.Status);
        try
        {
            await runtime.ExecuteAsync(
                task.InstanceId,
                new CompleteTask(id, variables),
                user.UserName,
                "task.completed",
                async (tx, _) =>
                {
                    var row = await tx.Tasks.FirstAsync(t => t.Id == id, ct);
                    if (row.Status != TaskStatuses.Open)
                        throw new ConflictException($"Task {id} is already {row.Status.ToLowerInvariant()}.", row.Status);
                    row.Status = TaskStatuses.Completed;
                    row.CompletedAt = time.GetUtcNow();
                    row.CompletedBy = user.UserName;
                    row.Assignee ??= user.UserName;
                    row.Version++;
                    await sla.OnTaskEndedAsync(tx, row, row.CompletedAt.Value);
                    tx.AuditEvents.Add(new AuditEventEntity { At = time.GetUtcNow(), Actor = user.UserName, Action = "task.completed", InstanceId = row.InstanceId, TaskId = id, ElementId = row.ElementId, DataJson = variables?.ToJsonString() });
                },
                ct
            );
        }
        catch (NotFoundException)
        {
            // The engine no longer knows the task: another request completed it first.
            throw await ConflictFor(id, ct);
        }
        return await GetAsync(id, user, ct);
    }

    private async Task<TaskEntity> ActionableAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await GetAsync(id, user, ct);
        var canAct = user.IsIn(Roles.Clerk) || user.IsIn(Roles.Chief) || user.IsIn(Roles.Admin) || task.Assignee == user.UserName;
        if (!canAct)
            throw new ForbiddenException("Managers and supervisors read tasks but do not act on them.");
        if (task.Status != TaskStatuses.Open)
            throw new ConflictException($"Task {id} is already {task.Status.ToLowerInvariant()}.", task.Status);
        return task;
    }

    private async Task<ConflictException> ConflictFor(string id, CancellationToken ct)
    {
        var current = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
        return new ConflictException(
            current.Status == TaskStatuses.Open ? $"Task {id} was changed by someone else (assignee: {current.Assignee ?? "none"})." : $"Task {id} is already {current.Status.ToLowerInvariant()}.",
            current.Status
        );
    }

    private async Task AuditAsync(string action, TaskEntity task, CurrentUser user, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEventEntity { At = time.GetUtcNow(), Actor = user.UserName, Action = action, InstanceId = task.InstanceId, TaskId = task.Id, ElementId = task.ElementId });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The user may see the target but not do this (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
