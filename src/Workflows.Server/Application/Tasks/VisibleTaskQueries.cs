// The single-task visibility check of every task action, compiled: the same rule as TaskAccess.VisibleTo.
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// One task by id if the user may see it, as compiled queries (per model, see <see cref="PerModel{T}"/>): the task alone
/// (<see cref="FindAsync"/>) or joined with its instance row (<see cref="FindWithInstanceAsync"/>, for the command that
/// follows). Each variant states the rule of <see cref="TaskAccess.VisibleTo"/> for one kind of user and must change
/// with it; the task authorization specs run through <see cref="FindAsync"/>, and <c>TaskVisibilityCheckSpecs</c>
/// checks that the SQLite statements (<see cref="WorkflowsDbContext.KeptReads"/>) and both shapes of the compiled
/// queries give the same answers.
/// </summary>
/// <remarks>
/// The candidate test is a correlated <c>EXISTS</c> on the task's own candidate rows (index on <c>TaskId</c>). Written as
/// <c>t.Id IN (tasks of my groups)</c>, SQLite built the list of every open task of the user's groups for each check, so
/// each task action slowed down with the length of the queue (with 20,000 tasks waiting, in-process lifecycles ran at
/// 94–131/s instead of 317–368/s). The user's groups are one string parameter (<see cref="GroupList"/>), not a list.
/// </remarks>
internal sealed class VisibleTaskQueries
{
    // The rule, once for each kind of user, as the query of the tasks with that id the user may see. The compiled
    // queries below put it into their two shapes (the task alone, the task with its instance) with Shaped.
    private static readonly Expression<
        Func<WorkflowsDbContext, string, IQueryable<TaskEntity>>
    > AnyTask = (db, id) => db.Tasks.AsNoTracking().Where(t => t.Id == id);

    private static readonly Expression<
        Func<WorkflowsDbContext, string, string, string, IQueryable<TaskEntity>>
    > StaffTask = (db, id, name, groups) =>
        db
            .Tasks.AsNoTracking()
            .Where(t =>
                t.Id == id
                && (
                    t.Assignee == name
                    || t.Owner == name
                    || t.CompletedBy == name
                    || db.TaskCandidates.Any(c =>
                        c.TaskId == t.Id
                        && (
                            (
                                c.Kind == CandidateKinds.Group
                                && groups.Contains(
                                    GroupList.Separator + c.Value + GroupList.Separator
                                )
                                && !c.Value.Contains(GroupList.Separator)
                            ) || (c.Kind == CandidateKinds.User && c.Value == name)
                        )
                    )
                )
            );

    private static readonly Expression<
        Func<WorkflowsDbContext, string, string, string, string, IQueryable<TaskEntity>>
    > ChiefTask = (db, id, name, bureau, groups) =>
        db
            .Tasks.AsNoTracking()
            .Where(t =>
                t.Id == id
                && (
                    t.Bureau == bureau
                    || t.Assignee == name
                    || t.Owner == name
                    || t.CompletedBy == name
                    || db.TaskCandidates.Any(c =>
                        c.TaskId == t.Id
                        && (
                            (
                                c.Kind == CandidateKinds.Group
                                && groups.Contains(
                                    GroupList.Separator + c.Value + GroupList.Separator
                                )
                                && !c.Value.Contains(GroupList.Separator)
                            ) || (c.Kind == CandidateKinds.User && c.Value == name)
                        )
                    )
                )
            );

    // The two shapes: the first visible task, or the first visible task joined with its instance row.
    private static readonly Expression<
        Func<IQueryable<TaskEntity>, WorkflowsDbContext, TaskEntity?>
    > TaskAlone = (tasks, db) => tasks.FirstOrDefault();

    private static readonly Expression<
        Func<IQueryable<TaskEntity>, WorkflowsDbContext, VisibleTask?>
    > TaskAndInstance = (tasks, db) =>
        tasks
            .Join(
                db.Instances.AsNoTracking(),
                t => t.InstanceId,
                i => i.Id,
                (t, i) => new VisibleTask(t, i)
            )
            .FirstOrDefault();

    private readonly Func<
        WorkflowsDbContext,
        string,
        CancellationToken,
        Task<TaskEntity?>
    > _anyTask = EF.CompileAsyncQuery(
        Shaped<Func<WorkflowsDbContext, string, CancellationToken, TaskEntity?>>(AnyTask, TaskAlone)
    );
    private readonly Func<
        WorkflowsDbContext,
        string,
        string,
        string,
        CancellationToken,
        Task<TaskEntity?>
    > _staffTask = EF.CompileAsyncQuery(
        Shaped<Func<WorkflowsDbContext, string, string, string, CancellationToken, TaskEntity?>>(
            StaffTask,
            TaskAlone
        )
    );
    private readonly Func<
        WorkflowsDbContext,
        string,
        string,
        string,
        string,
        CancellationToken,
        Task<TaskEntity?>
    > _chiefTask = EF.CompileAsyncQuery(
        Shaped<
            Func<WorkflowsDbContext, string, string, string, string, CancellationToken, TaskEntity?>
        >(ChiefTask, TaskAlone)
    );
    private readonly Func<
        WorkflowsDbContext,
        string,
        CancellationToken,
        Task<VisibleTask?>
    > _anyTaskAndInstance = EF.CompileAsyncQuery(
        Shaped<Func<WorkflowsDbContext, string, CancellationToken, VisibleTask?>>(
            AnyTask,
            TaskAndInstance
        )
    );
    private readonly Func<
        WorkflowsDbContext,
        string,
        string,
        string,
        CancellationToken,
        Task<VisibleTask?>
    > _staffTaskAndInstance = EF.CompileAsyncQuery(
        Shaped<Func<WorkflowsDbContext, string, string, string, CancellationToken, VisibleTask?>>(
            StaffTask,
            TaskAndInstance
        )
    );
    private readonly Func<
        WorkflowsDbContext,
        string,
        string,
        string,
        string,
        CancellationToken,
        Task<VisibleTask?>
    > _chiefTaskAndInstance = EF.CompileAsyncQuery(
        Shaped<
            Func<
                WorkflowsDbContext,
                string,
                string,
                string,
                string,
                CancellationToken,
                VisibleTask?
            >
        >(ChiefTask, TaskAndInstance)
    );

    // rule(db, args…) put into shape(tasks, db): a lambda (db, args…, ct) whose body is the shape's, with the rule's
    // query in place of its tasks and the rule's db in place of its db, as EF.CompileAsyncQuery takes it.
    private static Expression<TDelegate> Shaped<TDelegate>(
        LambdaExpression rule,
        LambdaExpression shape
    )
    {
        var body = new ReplacingExpressionVisitor(
            [.. shape.Parameters],
            [rule.Body, rule.Parameters[0]]
        ).Visit(shape.Body);
        return Expression.Lambda<TDelegate>(
            body,
            [.. rule.Parameters, Expression.Parameter(typeof(CancellationToken), "ct")]
        );
    }

    // The same three variants in SQLite's SQL, for KeptReads (the table is "t"): @p0 the task id, @p1 the user name, @p2
    // the user's groups (GroupList), @p3 the chief's bureau. instr(…) > 0 is EF Core's translation of string.Contains.
    private const string AnyTaskSql = "\"t\".\"Id\" = @p0";

    private const string CandidateSql =
        "EXISTS (SELECT 1 FROM \"TaskCandidates\" AS \"c\" WHERE \"c\".\"TaskId\" = \"t\".\"Id\" AND ("
        + "(\"c\".\"Kind\" = '"
        + CandidateKinds.Group
        + "' AND instr(@p2, char(31) || \"c\".\"Value\" || char(31)) > 0 AND instr(\"c\".\"Value\", char(31)) = 0)"
        + " OR (\"c\".\"Kind\" = '"
        + CandidateKinds.User
        + "' AND \"c\".\"Value\" = @p1)))";

    private const string StaffTaskSql =
        AnyTaskSql
        + " AND (\"t\".\"Assignee\" = @p1 OR \"t\".\"Owner\" = @p1 OR \"t\".\"CompletedBy\" = @p1 OR "
        + CandidateSql
        + ")";

    private const string ChiefTaskSql =
        AnyTaskSql
        + " AND (\"t\".\"Bureau\" = @p3 OR \"t\".\"Assignee\" = @p1 OR \"t\".\"Owner\" = @p1 OR \"t\".\"CompletedBy\" = @p1 OR "
        + CandidateSql
        + ")";

    /// <summary>
    /// The task (untracked) if <paramref name="user"/> may see it, else null: on a SQLite file through
    /// <see cref="WorkflowsDbContext.KeptReads"/>, else through the compiled queries.
    /// </summary>
    public static Task<TaskEntity?> FindAsync(
        WorkflowsDbContext db,
        string id,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var reads = db.KeptReads();
        var set = PerModel<VisibleTaskQueries>.Of(db);
        if (user.ReadsEverything)
            return reads is null
                ? set._anyTask(db, id, ct)
                : Task.FromResult(reads.Row<TaskEntity>(AnyTaskSql, id));
        var groups = GroupList.Of(user.Groups);
        if (TaskAccess.IsChiefOfABureau(user))
            return reads is null
                ? set._chiefTask(db, id, user.UserName, user.Bureau!, groups, ct)
                : Task.FromResult(
                    reads.Row<TaskEntity>(ChiefTaskSql, id, user.UserName, groups, user.Bureau!)
                );
        return reads is null
            ? set._staffTask(db, id, user.UserName, groups, ct)
            : Task.FromResult(reads.Row<TaskEntity>(StaffTaskSql, id, user.UserName, groups));
    }

    /// <summary>
    /// As <see cref="FindAsync"/>, with the task's instance row (untracked) read by the same statement, for a task
    /// action that goes on to run a command on the instance: where each read is a round trip to a database server, the
    /// command then needs no read of its own. On a SQLite file (kept reads, no round trip) the instance is null and
    /// the command reads it.
    /// </summary>
    public static async Task<VisibleTask?> FindWithInstanceAsync(
        WorkflowsDbContext db,
        string id,
        CurrentUser user,
        CancellationToken ct
    )
    {
        if (db.KeptReads() is not null)
            return await FindAsync(db, id, user, ct) is { } task
                ? new VisibleTask(task, null)
                : null;
        var set = PerModel<VisibleTaskQueries>.Of(db);
        if (user.ReadsEverything)
            return await set._anyTaskAndInstance(db, id, ct);
        var groups = GroupList.Of(user.Groups);
        return TaskAccess.IsChiefOfABureau(user)
            ? await set._chiefTaskAndInstance(db, id, user.UserName, user.Bureau!, groups, ct)
            : await set._staffTaskAndInstance(db, id, user.UserName, groups, ct);
    }
}

/// <summary>A task the user may see and, when it was read with it, its instance row (both untracked).</summary>
internal sealed record VisibleTask(TaskEntity Task, InstanceEntity? Instance);

/// <summary>
/// A user's groups as one string, each between separators (<c>␟g1␟g2␟</c>), so that a compiled query tests membership
/// with one scalar parameter (<c>instr</c>, <c>strpos</c>, <c>CHARINDEX</c>).
/// </summary>
/// <remarks>
/// On SQLite (and SQL Server) EF Core 10 expands a list parameter into one SQL parameter per element, which makes it
/// process and generate the statement's SQL again on every execution: the single-task check, run before every task
/// action, spent more CPU there than in SQLite (docs/benchmarks.md, session 12). Npgsql sends a list as one array. A group id holding the separator (U+001F, a control character) is left out, and a candidate value
/// holding it never matches, so no concatenation of two groups can pass for a third.
/// </remarks>
internal static class GroupList
{
    /// <summary>The separator, U+001F (unit separator).</summary>
    public const string Separator = "\u001F";

    /// <summary>The groups between separators; the separator alone when there are none.</summary>
    public static string Of(IEnumerable<string> groups) =>
        Separator
        + string.Concat(
            groups
                .Where(g => !g.Contains(Separator, StringComparison.Ordinal))
                .Select(g => g + Separator)
        );
}
