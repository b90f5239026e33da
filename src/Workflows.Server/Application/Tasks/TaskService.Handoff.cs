// Handing a task to someone: a chief assigns, an assignee delegates (委托) and the delegate resolves it back.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Application;

public sealed partial class TaskService
{
    /// <summary>Assigns (or reassigns) a task: the chief of its bureau, or an admin.</summary>
    public async Task<TaskEntity> AssignAsync(
        string id,
        string? userName,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var task = await GetAsync(id, user, ct);
        if (!TaskAccess.MayAssign(user, task))
            throw new ForbiddenException(
                "Only the section chief of the task's bureau, or an admin, assigns tasks."
            );
        if (task.Status != TaskStatuses.Open)
            throw new ConflictException(
                $"Task {id} is already {task.Status.ToLowerInvariant()}.",
                task.Status
            );
        var target = await RequireUserAsync(userName, ct);
        if (task.Assignee == target && task.Owner is null)
            return task;
        await UpdateAsync(
            task,
            s =>
                s.SetProperty(t => t.Assignee, target)
                    .SetProperty(t => t.Owner, (string?)null)
                    .SetProperty(t => t.ClaimedAt, time.GetUtcNow()),
            ct
        );
        await AuditAsync(
            "task.assigned",
            task,
            user,
            new { before = new { task.Assignee, task.Owner }, after = new { Assignee = target } },
            ct
        );
        return await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
    }

    /// <summary>The assignee delegates the task; they stay its owner and get it back when the delegate resolves it.</summary>
    public async Task<TaskEntity> DelegateAsync(
        string id,
        string? userName,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Assignee != user.UserName)
            throw new ConflictException(
                $"Only the assignee delegates task {id} (assignee: {task.Assignee ?? "none"}).",
                task.Status
            );
        var target = await RequireUserAsync(userName, ct);
        if (target == user.UserName)
            throw new Api.BadFieldException(
                "userName",
                "A task is not delegated to its own assignee."
            );
        var owner = task.Owner ?? user.UserName;
        await UpdateAsync(
            task,
            s => s.SetProperty(t => t.Assignee, target).SetProperty(t => t.Owner, owner),
            ct
        );
        await AuditAsync(
            "task.delegated",
            task,
            user,
            new
            {
                before = new { task.Assignee, task.Owner },
                after = new { Assignee = target, Owner = owner },
            },
            ct
        );
        return await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id, ct);
    }

    /// <summary>The delegate hands the task back to its owner.</summary>
    public async Task<TaskEntity> ResolveAsync(string id, CurrentUser user, CancellationToken ct)
    {
        var task = await ActionableAsync(id, user, ct);
        if (task.Owner is null || task.Assignee != user.UserName)
            throw new ConflictException($"Task {id} is not delegated to you.", task.Status);
        var owner = task.Owner;
        await UpdateAsync(
            task,
            s => s.SetProperty(t => t.Assignee, owner).SetProperty(t => t.Owner, (string?)null),
            ct
        );
        await AuditAsync(
            "task.resolved",
            task,
            user,
            new { before = new { task.Assignee, task.Owner }, after = new { Assignee = owner } },
            ct
        );
        return await GetAsync(id, user, ct);
    }

    /// <summary>Adds a comment (readers do not comment).</summary>
    public async Task<TaskCommentEntity> CommentAsync(
        string id,
        string text,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var task = await GetAsync(id, user, ct);
        if (!TaskAccess.MayAct(user, task))
            throw new ForbiddenException(
                "Managers, supervisors and admins read comments but do not write them."
            );
        var comment = new TaskCommentEntity
        {
            InstanceId = task.InstanceId,
            TaskId = id,
            Author = user.UserName,
            Text = text,
            At = time.GetUtcNow(),
        };
        db.TaskComments.Add(comment);
        await AuditAsync("task.commented", task, user, new { after = new { text } }, ct);
        return comment;
    }

    /// <summary>The comments of a visible task, oldest first.</summary>
    public async Task<List<TaskCommentEntity>> CommentsAsync(
        string id,
        CurrentUser user,
        CancellationToken ct
    )
    {
        await GetAsync(id, user, ct);
        return await db
            .TaskComments.AsNoTracking()
            .Where(c => c.TaskId == id)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
    }

    private async Task<string> RequireUserAsync(string? userName, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName))
            throw new Api.BadFieldException("userName", "'userName' is required.");
        var exists = await db.Users.AnyAsync(u => u.UserName == userName, ct);
        return exists
            ? userName
            : throw new Api.BadFieldException("userName", $"There is no user '{userName}'.");
    }

    private async Task UpdateAsync(
        TaskEntity task,
        Func<UpdateSettersBuilder<TaskEntity>, UpdateSettersBuilder<TaskEntity>> set,
        CancellationToken ct
    )
    {
        var id = task.Id;
        var version = task.Version;
        var changed = await UpdateWithCandidatesAsync(
            id,
            db.Tasks.Where(t =>
                t.Id == id && t.Status == TaskStatuses.Open && t.Version == version
            ),
            s => set(s).SetProperty(t => t.Version, t => t.Version + 1),
            ct
        );
        if (changed == 0)
            throw await ConflictFor(id, ct);
    }

    /// <summary>
    /// A bulk update of one task and, in the same transaction, of the copy of its state on its candidate rows
    /// (<see cref="TaskCandidateSync"/>): the group queues never show a claimed task as claimable, or the reverse.
    /// </summary>
    private async Task<int> UpdateWithCandidatesAsync(
        string id,
        IQueryable<TaskEntity> target,
        Action<UpdateSettersBuilder<TaskEntity>> set,
        CancellationToken ct
    )
    {
        await using var tx = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(ct)
            : null;
        var changed = await target.ExecuteUpdateAsync(set, ct);
        if (changed > 0)
            await TaskCandidateSync.RefreshAsync(db, id, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return changed;
    }
}
