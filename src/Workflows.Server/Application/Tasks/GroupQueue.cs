// The group queue (my groups' unclaimed tasks) by due date, read from the candidate index alone.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Unclaimed, active tasks offered to <c>groups</c>, by due date then id (undated last), optionally due before a moment.
/// The candidate rows carry the task's queue state and due date, so each group's next rows are one range of the index
/// (Kind, Value, State, DueAt, TaskId) read in order; several groups are merged in SQL (UNION ALL of per-group tops),
/// and the page's tasks are joined to those positions by primary key in the same statement, as is the first page's
/// count, an index-only scan of the same index.
/// </summary>
internal sealed class GroupQueue(
    WorkflowsDbContext db,
    List<string> groups,
    DateTimeOffset? dueBefore
)
{
    /// <summary>A page: keyset after <paramref name="cursor"/>, or offset page <paramref name="number"/>.</summary>
    public async Task<InboxPage> PageAsync(
        TaskCursor? cursor,
        int number,
        int size,
        CancellationToken ct
    )
    {
        if (groups.Count == 0)
            return new InboxPage([], cursor is null ? 0 : null, number, size, null);
        // The first page's total comes with its first statement (a scalar subquery, evaluated once); only an empty one
        // asks separately.
        var counted = cursor is null;
        int? total = null;
        var skip = cursor is null ? (number - 1) * size : 0;
        var take = size + 1;
        var rows = new List<Row>();
        if (cursor is null || cursor.Value is not null)
        {
            rows = await WithTasks(Page(g => Dated(g, cursor), skip, take), counted)
                .ToListAsync(ct);
            total = counted && rows.Count > 0 ? rows[0].Total : null;
            if (rows.Count < take)
                skip =
                    rows.Count == 0 && skip > 0
                        ? Math.Max(0, skip - await Count(dated: true).CountAsync(ct))
                        : 0;
        }
        if (rows.Count < take && dueBefore is null)
        {
            var undated = await WithTasks(
                    Page(g => Undated(g, cursor), skip, take - rows.Count),
                    counted && total is null
                )
                .ToListAsync(ct);
            total ??= counted && undated.Count > 0 ? undated[0].Total : null;
            rows.AddRange(undated);
        }
        if (counted && total is null)
            total = await CountAsync(ct);
        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        var tasks = rows.Where(r => r.Task is not null).Select(r => r.Task!).ToList();
        var next =
            more && rows.Count > 0
                ? new TaskCursor("due", rows[^1].DueAt?.UtcTicks, rows[^1].TaskId).Encode()
                : null;
        return new InboxPage(tasks, total, number, size, next);
    }

    /// <summary>How many tasks the queue holds (a task offered to two of the groups counts once).</summary>
    public Task<int> CountAsync(CancellationToken ct) =>
        groups.Count == 0 ? Task.FromResult(0) : Count(dated: false).CountAsync(ct);

    private IQueryable<string> Count(bool dated)
    {
        var list = groups;
        var rows = db
            .TaskCandidates.AsNoTracking()
            .Where(c =>
                c.Kind == CandidateKinds.Group
                && list.Contains(c.Value)
                && c.State == CandidateStates.Claimable
            );
        if (dated || dueBefore is not null)
            rows = rows.Where(c => c.DueAt != null);
        if (dueBefore is { } before)
            rows = rows.Where(c => c.DueAt < before);
        var ids = rows.Select(c => c.TaskId);
        return groups.Count == 1 ? ids : ids.Distinct();
    }

    private IQueryable<Key> Page(Func<string, IQueryable<Key>> perGroup, int skip, int take)
    {
        if (groups.Count == 1)
            return perGroup(groups[0]).Skip(skip).Take(take);
        // Each group contributes its first skip+take rows in index order; the union is small and sorted once.
        var union = groups
            .Select(g => perGroup(g).Take(skip + take))
            .Aggregate((a, b) => a.Concat(b));
        return union.Distinct().OrderBy(k => k.DueAt).ThenBy(k => k.TaskId).Skip(skip).Take(take);
    }

    // The page's positions with their tasks, in one statement: each position looks its task up by primary key. The task
    // conditions are repeated as a guard (the candidate copy is written in the task's own transaction); a position whose
    // task fails them still counts for the cursor, so a page may be short but the next one starts at the right place.
    private IQueryable<Row> WithTasks(IQueryable<Key> keys, bool withTotal)
    {
        var open = db
            .Tasks.AsNoTracking()
            .Where(t =>
                t.Status == TaskStatuses.Open && t.Assignee == null && t.SuspendedAt == null
            );
        var rows =
            from k in keys
            join t in open on k.TaskId equals t.Id into found
            from t in found.DefaultIfEmpty()
            orderby k.DueAt, k.TaskId
            select new
            {
                k.TaskId,
                k.DueAt,
                Task = t,
            };
        if (!withTotal)
            return rows.Select(r => new Row
            {
                TaskId = r.TaskId,
                DueAt = r.DueAt,
                Task = r.Task,
            });
        var all = Count(dated: false);
        return rows.Select(r => new Row
        {
            TaskId = r.TaskId,
            DueAt = r.DueAt,
            Task = r.Task,
            Total = all.Count(),
        });
    }

    private IQueryable<Key> Dated(string group, TaskCursor? cursor)
    {
        var rows = Claimable(group).Where(c => c.DueAt != null);
        if (dueBefore is { } before)
            rows = rows.Where(c => c.DueAt < before);
        if (cursor?.Value is { } ticks)
        {
            var due = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            // DueAt >= due bounds the index range; the OR only sorts out ties.
            rows = rows.Where(c =>
                c.DueAt >= due && (c.DueAt > due || string.Compare(c.TaskId, id) > 0)
            );
        }
        return rows.OrderBy(c => c.DueAt)
            .ThenBy(c => c.TaskId)
            .Select(c => new Key { TaskId = c.TaskId, DueAt = c.DueAt });
    }

    private IQueryable<Key> Undated(string group, TaskCursor? cursor)
    {
        var rows = Claimable(group).Where(c => c.DueAt == null);
        if (cursor is { Value: null })
        {
            var id = cursor.Id;
            rows = rows.Where(c => string.Compare(c.TaskId, id) > 0);
        }
        return rows.OrderBy(c => c.TaskId)
            .Select(c => new Key { TaskId = c.TaskId, DueAt = c.DueAt });
    }

    private IQueryable<TaskCandidateEntity> Claimable(string group) =>
        db
            .TaskCandidates.AsNoTracking()
            .Where(c =>
                c.Kind == CandidateKinds.Group
                && c.Value == group
                && c.State == CandidateStates.Claimable
            );

    /// <summary>A queue position: the task and its due date.</summary>
    private sealed class Key
    {
        public string TaskId { get; init; } = "";

        public DateTimeOffset? DueAt { get; init; }
    }

    /// <summary>A queue position with its task (null when the task no longer passes the guard).</summary>
    private sealed class Row
    {
        public string TaskId { get; init; } = "";

        public DateTimeOffset? DueAt { get; init; }

        public TaskEntity? Task { get; init; }

        /// <summary>The queue's size, when the statement was asked for it.</summary>
        public int? Total { get; init; }
    }
}
