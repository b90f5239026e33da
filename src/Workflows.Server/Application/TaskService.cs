// The clerk's task operations and their authorization; the supplement, assignment and comment parts live in Application/Tasks.
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Sla;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;
using Workflows.Server.Observability;

namespace Workflows.Server.Application;

/// <summary>
/// The clerk's task operations with their authorization: a task outside the user's view does not exist for them
/// (404, never 403), readers (managers, supervisors, admins) see but do not act (403), and concurrent actions have
/// exactly one winner (409 with the current state for the others) thanks to the task's Version token.
/// </summary>
public sealed partial class TaskService(
    WorkflowsDbContext db,
    WorkflowRuntime runtime,
    ISlaTracker sla,
    TaskForms forms,
    TimeProvider time
)
{
    /// <summary>Tasks the user may see (see <see cref="TaskAccess"/>).</summary>
    public IQueryable<TaskEntity> Visible(CurrentUser user) =>
        db.Tasks.AsNoTracking().VisibleTo(db, user);

    /// <summary>A task the user may see.</summary>
    /// <exception cref="NotFoundException">No such task, or not visible to the user.</exception>
    public async Task<TaskEntity> GetAsync(string id, CurrentUser user, CancellationToken ct) =>
        await VisibleTaskQueries.FindAsync(db, id, user, ct)
        ?? throw new NotFoundException($"Task {id} does not exist.");

    /// <summary>Claims an open, unassigned task.</summary>
    public async Task<TaskEntity> ClaimAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee == user.UserName)
            return task; // idempotent retry
        if (task.Assignee is not null)
            throw new ConflictException(
                $"Task {id} is already claimed by {task.Assignee}.",
                task.Status
            );
        var changed = await UpdateWithCandidatesAsync(
            id,
            db.Tasks.Where(t =>
                t.Id == id
                && t.Status == TaskStatuses.Open
                && t.Assignee == null
                && t.Version == task.Version
            ),
            s =>
                s.SetProperty(t => t.Assignee, user.UserName)
                    .SetProperty(t => t.ClaimedAt, time.GetUtcNow())
                    .SetProperty(t => t.Version, t => t.Version + 1),
            ct
        );
        if (changed == 0)
            throw await ConflictFor(id, ct);
        await AuditAsync(
            "task.claimed",
            task,
            user,
            new { before = new { task.Assignee }, after = new { Assignee = user.UserName } },
            ct
        );
        return await GetAsync(id, user, ct);
    }

    /// <summary>Gives a claimed task back to its groups.</summary>
    public async Task<TaskEntity> UnclaimAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee is null)
            return task;
        if (task.Assignee != user.UserName && !TaskAccess.MayAssign(user, task))
            throw new ConflictException($"Task {id} is claimed by {task.Assignee}.", task.Status);
        var changed = await UpdateWithCandidatesAsync(
            id,
            db.Tasks.Where(t =>
                t.Id == id && t.Status == TaskStatuses.Open && t.Version == task.Version
            ),
            s =>
                s.SetProperty(t => t.Assignee, (string?)null)
                    .SetProperty(t => t.Owner, (string?)null)
                    .SetProperty(t => t.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(t => t.Version, t => t.Version + 1),
            ct
        );
        if (changed == 0)
            throw await ConflictFor(id, ct);
        await AuditAsync(
            "task.unclaimed",
            task,
            user,
            new
            {
                before = new { task.Assignee, task.Owner },
                after = new { Assignee = (string?)null },
            },
            ct
        );
        return await GetAsync(id, user, ct);
    }

    /// <summary>
    /// Completes a task with variables validated (and typed) against its form; the instance moves on in the same
    /// transaction. A delegated task is resolved, not completed; a task waiting for a supplement cannot be completed.
    /// </summary>
    /// <exception cref="FormValidationException">The variables fail the form (every failing field).</exception>
    public async Task<TaskEntity> CompleteAsync(
        string id,
        JsonObject? variables,
        CurrentUser user,
        CancellationToken ct
    )
    {
        VisibleTask visible;
        using (WorkflowsTelemetry.Phase("task-check"))
            visible = await ActionableWithInstanceAsync(id, user, ct);
        var task = visible.Task;
        if (task.Assignee is not null && task.Assignee != user.UserName)
            throw new ConflictException($"Task {id} is claimed by {task.Assignee}.", task.Status);
        if (task.Owner is not null)
            throw new ConflictException(
                $"Task {id} was delegated by {task.Owner}: resolve it to hand it back.",
                task.Status
            );
        RequireActive(task);
        if (await forms.ResolveAsync(task, ct) is { } form)
            variables = FormValidator.Validate(form.Schema, variables);
        TaskEntity? completed = null;
        var expectedVersion = task.Version;
        // The first attempt updates the row the check just read (untracked), attached with its version as the
        // concurrency token, instead of reading it again: if the row changed in between, the UPDATE matches nothing,
        // the command is retried, and the retry reads the row to say why.
        var checkedRow = task;
        try
        {
            await runtime.ExecuteAsync(
                task.InstanceId,
                new CompleteTask(id, variables),
                user.UserName,
                "task.completed",
                async (tx, definition) =>
                {
                    var row =
                        checkedRow is not null && !tx.IsTracked<TaskEntity, string>(id)
                            ? tx.Tasks.Attach(checkedRow).Entity
                            : await PerModel<CommandQueries>.Of(tx).TrackedTask(tx, id, ct)
                                ?? throw new NotFoundException($"Task {id} does not exist.");
                    checkedRow = null;
                    if (row.Status != TaskStatuses.Open)
                        throw new ConflictException(
                            $"Task {id} is already {row.Status.ToLowerInvariant()}.",
                            row.Status
                        );
                    if (row.Version != expectedVersion)
                        throw new ConflictException(
                            $"Task {id} was changed by someone else.",
                            row.Status
                        );
                    row.Status = TaskStatuses.Completed;
                    row.CompletedAt = time.GetUtcNow();
                    row.CompletedBy = user.UserName;
                    row.Assignee ??= user.UserName;
                    row.Version++;
                    if (definition.DeclaresSla)
                        await sla.OnTaskEndedAsync(tx, row, row.CompletedAt.Value);
                    tx.AuditEvents.Add(
                        new AuditEventEntity
                        {
                            At = time.GetUtcNow(),
                            Actor = user.UserName,
                            Action = "task.completed",
                            InstanceId = row.InstanceId,
                            TaskId = id,
                            ElementId = row.ElementId,
                            DataJson = variables?.ToJsonString(),
                        }
                    );
                    completed = row;
                },
                visible.Instance,
                ct
            );
        }
        catch (NotFoundException)
        {
            // The engine no longer knows the task: another request completed it first.
            throw await ConflictFor(id, ct);
        }
        // The row as committed in the command's transaction (a completed task stays visible to whoever completed it),
        // so no second read.
        return completed!;
    }

    /// <summary>
    /// Rejects (不予许可): throws the BPMN error <c>rejected</c> with <c>rejectReason</c>; the model's error boundary
    /// decides the path, and without one the instance terminates.
    /// </summary>
    public async Task<TaskEntity> RejectAsync(
        string id,
        string? reason,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var visible = await ActionableWithInstanceAsync(id, user, ct);
        var task = visible.Task;
        if (string.IsNullOrWhiteSpace(reason))
            throw new Api.BadFieldException(
                "reason",
                "'reason' is required: a refusal always states its reason."
            );
        if (task.Assignee is not null && task.Assignee != user.UserName)
            throw new ConflictException($"Task {id} is claimed by {task.Assignee}.", task.Status);
        RequireActive(task);
        try
        {
            await runtime.ExecuteAsync(
                task.InstanceId,
                new ThrowTaskError(id, "rejected", new JsonObject { ["rejectReason"] = reason }),
                user.UserName,
                "task.rejected",
                async (tx, definition) =>
                {
                    var row = await tx.Tasks.FirstAsync(t => t.Id == id, ct);
                    if (row.Status == TaskStatuses.Completed)
                        throw new ConflictException($"Task {id} is already completed.", row.Status);
                    var now = time.GetUtcNow();
                    if (row.Status == TaskStatuses.Open)
                    {
                        row.Status = TaskStatuses.Cancelled;
                        row.CompletedAt = now;
                        row.Version++;
                        if (definition.DeclaresSla)
                            await sla.OnTaskEndedAsync(tx, row, now);
                    }
                    row.CompletedBy = user.UserName;
                    tx.AuditEvents.Add(
                        new AuditEventEntity
                        {
                            At = now,
                            Actor = user.UserName,
                            Action = "task.rejected",
                            InstanceId = row.InstanceId,
                            TaskId = id,
                            ElementId = row.ElementId,
                            DataJson = JsonSerializer.Serialize(
                                new
                                {
                                    reason,
                                    before = new { status = TaskStatuses.Open },
                                    after = new { status = row.Status },
                                }
                            ),
                        }
                    );
                },
                visible.Instance,
                ct
            );
        }
        catch (NotFoundException)
        {
            throw await ConflictFor(id, ct);
        }
        return await GetAsync(id, user, ct);
    }

    /// <summary>A visible, open task the user may act on.</summary>
    /// <exception cref="NotFoundException">Not visible.</exception>
    /// <exception cref="ForbiddenException">A reader.</exception>
    /// <exception cref="ConflictException">No longer open.</exception>
    internal async Task<TaskEntity> ActionableAsync(
        string id,
        CurrentUser user,
        CancellationToken ct
    ) => Actionable(await GetAsync(id, user, ct), user);

    // As ActionableAsync, with the task's instance row read by the same statement where reads are round trips
    // (VisibleTaskQueries.FindWithInstanceAsync), for an action that runs a command on the instance.
    private async Task<VisibleTask> ActionableWithInstanceAsync(
        string id,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var visible =
            await VisibleTaskQueries.FindWithInstanceAsync(db, id, user, ct)
            ?? throw new NotFoundException($"Task {id} does not exist.");
        Actionable(visible.Task, user);
        return visible;
    }

    private static TaskEntity Actionable(TaskEntity task, CurrentUser user)
    {
        if (!TaskAccess.MayAct(user, task))
            throw new ForbiddenException(
                "Managers, supervisors and admins read tasks but do not act on them."
            );
        if (task.Status != TaskStatuses.Open)
            throw new ConflictException(
                $"Task {task.Id} is already {task.Status.ToLowerInvariant()}.",
                task.Status
            );
        return task;
    }

    private static void RequireActive(TaskEntity task)
    {
        if (task.SuspendedAt is not null)
            throw new ConflictException(
                $"Task {task.Id} is waiting for the applicant's supplement.",
                "Suspended"
            );
    }

    internal async Task<ConflictException> ConflictFor(string id, CancellationToken ct)
    {
        var current = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
        return new ConflictException(
            current.Status == TaskStatuses.Open
                ? $"Task {id} was changed by someone else (assignee: {current.Assignee ?? "none"})."
                : $"Task {id} is already {current.Status.ToLowerInvariant()}.",
            current.Status
        );
    }

    internal async Task AuditAsync(
        string action,
        TaskEntity task,
        CurrentUser user,
        object? data,
        CancellationToken ct
    )
    {
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = time.GetUtcNow(),
                Actor = user.UserName,
                Action = action,
                InstanceId = task.InstanceId,
                TaskId = task.Id,
                ElementId = task.ElementId,
                DataJson = data is null ? null : JsonSerializer.Serialize(data),
            }
        );
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The user may see the target but not do this (403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
