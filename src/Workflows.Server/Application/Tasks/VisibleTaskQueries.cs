// The single-task visibility check of every task action, compiled: the same rule as TaskAccess.VisibleTo.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// One task by id if the user may see it, as compiled queries (per model, see <see cref="PerModel{T}"/>). Each variant
/// states the rule of <see cref="TaskAccess.VisibleTo"/> for one kind of user and must change with it; the task
/// authorization specs run through <see cref="FindAsync"/>.
/// </summary>
/// <remarks>
/// The candidate test is a correlated <c>EXISTS</c> on the task's own candidate rows (index on <c>TaskId</c>). Written as
/// <c>t.Id IN (tasks of my groups)</c>, SQLite built the list of every open task of the user's groups for each check, so
/// each task action slowed down with the length of the queue (with 20,000 tasks waiting, in-process lifecycles ran at
/// 94–131/s instead of 317–368/s).
/// </remarks>
internal sealed class VisibleTaskQueries
{
    private readonly Func<WorkflowsDbContext, string, CancellationToken, Task<TaskEntity?>> _anyTask =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, CancellationToken ct) => db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id));

    private readonly Func<WorkflowsDbContext, string, string, List<string>, CancellationToken, Task<TaskEntity?>> _staffTask =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, string name, List<string> groups, CancellationToken ct) =>
            db.Tasks.AsNoTracking().FirstOrDefault(t =>
                t.Id == id
                && (t.Assignee == name || t.Owner == name || t.CompletedBy == name
                    || db.TaskCandidates.Any(c =>
                        c.TaskId == t.Id
                        && ((c.Kind == CandidateKinds.Group && groups.Contains(c.Value)) || (c.Kind == CandidateKinds.User && c.Value == name))))));

    private readonly Func<WorkflowsDbContext, string, string, string, List<string>, CancellationToken, Task<TaskEntity?>> _chiefTask =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, string name, string bureau, List<string> groups, CancellationToken ct) =>
            db.Tasks.AsNoTracking().FirstOrDefault(t =>
                t.Id == id
                && (t.Bureau == bureau || t.Assignee == name || t.Owner == name || t.CompletedBy == name
                    || db.TaskCandidates.Any(c =>
                        c.TaskId == t.Id
                        && ((c.Kind == CandidateKinds.Group && groups.Contains(c.Value)) || (c.Kind == CandidateKinds.User && c.Value == name))))));

    /// <summary>The task (untracked) if <paramref name="user"/> may see it, else null.</summary>
    public static Task<TaskEntity?> FindAsync(WorkflowsDbContext db, string id, CurrentUser user, CancellationToken ct)
    {
        var set = PerModel<VisibleTaskQueries>.Of(db);
        if (user.ReadsEverything)
            return set._anyTask(db, id, ct);
        var groups = user.Groups.ToList();
        return TaskAccess.IsChiefOfABureau(user)
            ? set._chiefTask(db, id, user.UserName, user.Bureau!, groups, ct)
            : set._staffTask(db, id, user.UserName, groups, ct);
    }
}
