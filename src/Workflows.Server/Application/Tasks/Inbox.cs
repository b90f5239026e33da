// The inbox queries: queues, filters, sorts and keyset pages shaped so that each one walks an existing index.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Data.Time;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Reads the inbox. Every query starts from the user's visible tasks (<see cref="TaskAccess"/>), so lists and counts
/// never show a foreign task. Sorting by due date pages in two phases — tasks with a due date by (DueAt, Id), then those
/// without by Id — so both phases follow the (Status, …, DueAt, Id) indexes on every provider, whatever its NULL order.
/// </summary>
public sealed class Inbox(WorkflowsDbContext db)
{
    /// <summary>The filtered query, unsorted.</summary>
    /// <exception cref="ForbiddenException">The bureau queue for someone without one.</exception>
    public IQueryable<TaskEntity> Query(CurrentUser user, InboxFilter f)
    {
        var tasks = db.Tasks.AsNoTracking();
        var status = f.Status ?? TaskStatuses.Open;
        IQueryable<TaskEntity> query;
        switch (f.Queue)
        {
            case null or "":
                query = tasks.VisibleTo(db, user).Where(t => t.Status == status);
                break;
            case TaskQueues.Mine:
                query = MineQuery(tasks, user, status);
                break;
            case TaskQueues.Group:
                query = GroupQuery(tasks, user, status);
                break;
            case TaskQueues.Bureau:
                if (
                    user.Bureau is null
                    || !(TaskAccess.IsChiefOfABureau(user) || user.ReadsEverything)
                )
                    throw new ForbiddenException("Only a section chief has a bureau queue.");
                var bureau = user.Bureau;
                query = tasks.Where(t => t.Status == status && t.Bureau == bureau);
                break;
            case TaskQueues.Suspended:
                query = tasks
                    .VisibleTo(db, user)
                    .Where(t => t.Status == status && t.SuspendedAt != null);
                break;
            default:
                throw new Api.BadFieldException(
                    "queue",
                    $"queue must be one of {string.Join(", ", TaskQueues.All)}."
                );
        }
        if (f.Assignee == "me")
            query = query.Where(t => t.Assignee == user.UserName);
        else if (!string.IsNullOrEmpty(f.Assignee))
            query = query.Where(t => t.Assignee == f.Assignee);
        if (!string.IsNullOrEmpty(f.CandidateGroup))
        {
            var offered = db
                .TaskCandidates.Where(c =>
                    c.Kind == CandidateKinds.Group && c.Value == f.CandidateGroup
                )
                .Select(c => c.TaskId);
            query = query.Where(t => t.Assignee == null && offered.Contains(t.Id));
        }
        if (!string.IsNullOrEmpty(f.Procedure))
            query = query.Where(t => t.DefinitionKey == f.Procedure);
        if (!string.IsNullOrEmpty(f.BusinessKey))
            query = query.Where(t => t.BusinessKey == f.BusinessKey);
        if (!string.IsNullOrEmpty(f.SlaLevel))
            query = query.Where(t => t.SlaLevel == f.SlaLevel);
        if (f.DueBefore is { } before)
        {
            var utc = before.ToUtc();
            query = query.Where(t => t.DueAt != null && t.DueAt < utc);
        }
        if (!string.IsNullOrEmpty(f.Applicant))
        {
            // A range, not LIKE: it uses the (Status, ApplicantName) index on every provider.
            var from = f.Applicant;
            var to = f.Applicant + '\uffff';
            query = query.Where(t =>
                t.ApplicantName != null
                && string.Compare(t.ApplicantName, from) >= 0
                && string.Compare(t.ApplicantName, to) < 0
            );
        }
        return query;
    }

    /// <summary>One page: keyset when <see cref="InboxFilter.After"/> is given (or for any page after the first one asked that way), offset otherwise.</summary>
    public async Task<InboxPage> PageAsync(CurrentUser user, InboxFilter f, CancellationToken ct)
    {
        var sort = f.Sort is null or "" ? "due" : f.Sort;
        if (sort is not ("due" or "priority" or "created"))
            throw new Api.BadFieldException("sort", "sort must be due, priority or created.");
        var size = Math.Clamp(f.PageSize ?? 50, 1, 200);
        var query = Query(user, f);
        TaskCursor? cursor = null;
        if (!string.IsNullOrEmpty(f.After))
            cursor =
                TaskCursor.Decode(f.After, sort)
                ?? throw new Api.BadFieldException("after", "after is not a cursor of this sort.");
        var number = cursor is null ? Math.Max(1, f.Page ?? 1) : 1;
        if (sort == "due" && IsPlainGroupQueue(f))
            return await new GroupQueue(db, GroupsAsked(user, f), f.DueBefore?.ToUtc()).PageAsync(
                cursor,
                number,
                size,
                ct
            );
        int? total = cursor is null ? await query.CountAsync(ct) : null;
        var skip = cursor is null ? (number - 1) * size : 0;
        var rows = sort switch
        {
            "priority" => await ByPriority(query, cursor).Skip(skip).Take(size + 1).ToListAsync(ct),
            "created" => await ByCreated(query, cursor).Skip(skip).Take(size + 1).ToListAsync(ct),
            _ when !string.IsNullOrEmpty(f.Applicant) => await ByDueAmongMatches(query, cursor)
                .Skip(skip)
                .Take(size + 1)
                .ToListAsync(ct),
            _ => await ByDueAsync(query, cursor, skip, size + 1, ct),
        };
        var more = rows.Count > size;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        var next = more && rows.Count > 0 ? CursorOf(sort, rows[^1]).Encode() : null;
        return new InboxPage(rows, total, number, size, next);
    }

    /// <summary>The number of tasks in each of the user's queues.</summary>
    public async Task<InboxCounts> CountsAsync(CurrentUser user, CancellationToken ct)
    {
        var tasks = db.Tasks.AsNoTracking();
        var mine = await MineQuery(tasks, user, TaskStatuses.Open).CountAsync(ct);
        var group = await new GroupQueue(db, user.Groups.ToList(), null).CountAsync(ct);
        int? bureau = null;
        if (TaskAccess.IsChiefOfABureau(user))
        {
            var code = user.Bureau;
            bureau = await tasks.CountAsync(
                t => t.Status == TaskStatuses.Open && t.Bureau == code,
                ct
            );
        }
        var suspended = await tasks
            .VisibleTo(db, user)
            .CountAsync(t => t.Status == TaskStatuses.Open && t.SuspendedAt != null, ct);
        return new InboxCounts(mine, group, bureau, suspended);
    }

    private static IQueryable<TaskEntity> MineQuery(
        IQueryable<TaskEntity> tasks,
        CurrentUser user,
        string status
    )
    {
        var name = user.UserName;
        return tasks.Where(t => t.Status == status && t.Assignee == name && t.SuspendedAt == null);
    }

    private IQueryable<TaskEntity> GroupQuery(
        IQueryable<TaskEntity> tasks,
        CurrentUser user,
        string status
    )
    {
        var groups = user.Groups.ToList();
        var offered = db
            .TaskCandidates.Where(c =>
                c.Kind == CandidateKinds.Group
                && groups.Contains(c.Value)
                && c.State == CandidateStates.Claimable
            )
            .Select(c => c.TaskId);
        return tasks.Where(t =>
            t.Status == status
            && t.Assignee == null
            && t.SuspendedAt == null
            && offered.Contains(t.Id)
        );
    }

    // The group queue by due date, with at most a due-before limit and a candidate group: everything it filters and
    // sorts by is on the candidate rows, so GroupQueue reads it from their index alone.
    private static bool IsPlainGroupQueue(InboxFilter f) =>
        f.Queue == TaskQueues.Group
        && (f.Status is null or "" or TaskStatuses.Open)
        && string.IsNullOrEmpty(f.Assignee)
        && string.IsNullOrEmpty(f.Procedure)
        && string.IsNullOrEmpty(f.BusinessKey)
        && string.IsNullOrEmpty(f.SlaLevel)
        && string.IsNullOrEmpty(f.Applicant);

    private static List<string> GroupsAsked(CurrentUser user, InboxFilter f) =>
        string.IsNullOrEmpty(f.CandidateGroup)
            ? user.Groups.ToList()
            : user.Groups.Where(g => g == f.CandidateGroup).ToList();

    private static async Task<List<TaskEntity>> ByDueAsync(
        IQueryable<TaskEntity> query,
        TaskCursor? cursor,
        int skip,
        int take,
        CancellationToken ct
    )
    {
        var rows = new List<TaskEntity>();
        if (cursor is null || cursor.Value is not null)
        {
            var dated = query.Where(t => t.DueAt != null);
            if (cursor?.Value is { } ticks)
            {
                var due = new DateTimeOffset(ticks, TimeSpan.Zero);
                var id = cursor.Id;
                dated = dated.Where(t =>
                    t.DueAt > due || (t.DueAt == due && string.Compare(t.Id, id) > 0)
                );
            }
            rows = await dated
                .OrderBy(t => t.DueAt)
                .ThenBy(t => t.Id)
                .Skip(skip)
                .Take(take)
                .ToListAsync(ct);
            if (rows.Count >= take)
                return rows;
            // Offset paging continues into the undated rows after skipping the dated ones it passed.
            skip = rows.Count == 0 && skip > 0 ? Math.Max(0, skip - await dated.CountAsync(ct)) : 0;
        }
        var undated = query.Where(t => t.DueAt == null);
        if (cursor is { Value: null })
        {
            var id = cursor.Id;
            undated = undated.Where(t => string.Compare(t.Id, id) > 0);
        }
        rows.AddRange(
            await undated.OrderBy(t => t.Id).Skip(skip).Take(take - rows.Count).ToListAsync(ct)
        );
        return rows;
    }

    // A name prefix selects few tasks through the (Status, ApplicantName) index, and no index gives its hits in due order,
    // so they are sorted once, dated first, in one statement. The two phases of ByDueAsync would cost a second statement
    // whenever the page is short, and SQLite runs the undated phase from (Status, DueAt, Id) — it takes "DueAt IS NULL"
    // for a rare value — walking every undated open task to test its name.
    private static IQueryable<TaskEntity> ByDueAmongMatches(
        IQueryable<TaskEntity> query,
        TaskCursor? cursor
    )
    {
        if (cursor is { Value: { } ticks })
        {
            var due = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            query = query.Where(t =>
                t.DueAt == null || t.DueAt > due || (t.DueAt == due && string.Compare(t.Id, id) > 0)
            );
        }
        else if (cursor is not null)
        {
            var id = cursor.Id;
            query = query.Where(t => t.DueAt == null && string.Compare(t.Id, id) > 0);
        }
        return query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id);
    }

    private static IQueryable<TaskEntity> ByPriority(
        IQueryable<TaskEntity> query,
        TaskCursor? cursor
    )
    {
        if (cursor?.Value is { } p)
        {
            var priority = (int)p;
            var id = cursor.Id;
            query = query.Where(t =>
                t.Priority < priority || (t.Priority == priority && string.Compare(t.Id, id) > 0)
            );
        }
        return query.OrderByDescending(t => t.Priority).ThenBy(t => t.Id);
    }

    private static IQueryable<TaskEntity> ByCreated(
        IQueryable<TaskEntity> query,
        TaskCursor? cursor
    )
    {
        if (cursor?.Value is { } ticks)
        {
            var created = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            query = query.Where(t =>
                t.CreatedAt > created || (t.CreatedAt == created && string.Compare(t.Id, id) > 0)
            );
        }
        return query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id);
    }

    private static TaskCursor CursorOf(string sort, TaskEntity last) =>
        sort switch
        {
            "priority" => new TaskCursor(sort, last.Priority, last.Id),
            "created" => new TaskCursor(sort, last.CreatedAt.UtcTicks, last.Id),
            _ => new TaskCursor(sort, last.DueAt?.UtcTicks, last.Id),
        };
}
