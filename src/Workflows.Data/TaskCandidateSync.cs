// Keeps the task state copied onto TaskCandidates (State, DueAt) in step with Tasks.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Workflows.Data.Entities;

namespace Workflows.Data;

/// <summary>
/// The group queues read <see cref="TaskCandidateEntity.State"/> and <see cref="TaskCandidateEntity.DueAt"/> instead of
/// the task row. Tracked changes are copied by <see cref="WorkflowsDbContext"/> when it saves; code that changes a task
/// with <c>ExecuteUpdate</c> calls <see cref="RefreshAsync"/> in the same transaction.
/// </summary>
public static class TaskCandidateSync
{
    /// <summary>Copies the open task's current state (read from the database) onto its candidate rows.</summary>
    public static async Task RefreshAsync(
        WorkflowsDbContext db,
        string taskId,
        CancellationToken ct
    )
    {
        var task = await db
            .Tasks.AsNoTracking()
            .Where(t => t.Id == taskId)
            .Select(t => new
            {
                t.Status,
                t.Assignee,
                t.SuspendedAt,
                t.DueAt,
            })
            .FirstOrDefaultAsync(ct);
        if (task is null || task.Status != TaskStatuses.Open)
            return; // a closed task's candidate rows are removed when it closes
        var state = CandidateStates.Of(task.Assignee, task.SuspendedAt);
        var due = task.DueAt;
        await db
            .TaskCandidates.Where(c => c.TaskId == taskId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(c => c.State, state).SetProperty(c => c.DueAt, due),
                ct
            );
    }

    /// <summary>
    /// Before a save, step 1: the open tasks whose assignee, suspension or due date changed; the context loads their
    /// candidate rows (tracked) before <see cref="CopyTaskState"/>, so the copies go in the same transaction as the task.
    /// </summary>
    internal static List<string> MovedOpenTasks(WorkflowsDbContext db) =>
        db
            .ChangeTracker.Entries<TaskEntity>()
            .Where(e =>
                e.State == EntityState.Modified && e.Entity.Status == TaskStatuses.Open && Moved(e)
            )
            .Select(e => e.Entity.Id)
            .ToList();

    /// <summary>Before a save, step 2: every tracked candidate row of a task being added or modified takes the task's state.</summary>
    internal static void CopyTaskState(WorkflowsDbContext db)
    {
        var candidates = db
            .ChangeTracker.Entries<TaskCandidateEntity>()
            .Where(c =>
                c.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged
            )
            .ToList();
        if (candidates.Count == 0)
            return;
        // Only tasks this save writes: an unchanged tracked task may be older than the row (ExecuteUpdate bypasses the tracker).
        var tasks = db
            .ChangeTracker.Entries<TaskEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .ToDictionary(e => e.Entity.Id, e => e.Entity);
        foreach (var entry in candidates)
        {
            if (
                !tasks.TryGetValue(entry.Entity.TaskId, out var task)
                || task.Status != TaskStatuses.Open
            )
                continue;
            // Through the entry, which marks the property modified at once: the save detects no changes after this.
            var c = entry.Entity;
            var state = CandidateStates.Of(task);
            if (c.State != state)
                entry.Property(nameof(TaskCandidateEntity.State)).CurrentValue = state;
            if (c.DueAt != task.DueAt)
                entry.Property(nameof(TaskCandidateEntity.DueAt)).CurrentValue = task.DueAt;
        }
    }

    // By name: the lambda overload builds an expression tree on every call, and this runs on every save.
    private static bool Moved(EntityEntry<TaskEntity> e) =>
        e.Property(nameof(TaskEntity.Assignee)).IsModified
        || e.Property(nameof(TaskEntity.SuspendedAt)).IsModified
        || e.Property(nameof(TaskEntity.DueAt)).IsModified;
}
