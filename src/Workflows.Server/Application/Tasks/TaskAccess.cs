// Who may see and do what with a task: the single place the inbox, the task actions and the case reads ask.
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Task authorization rules. A task the user may not see does not exist for them (404, never 403): a clerk sees the tasks
/// of their groups, assigned or delegated to them, or offered to them by name; a section chief also sees their bureau's
/// whole queue; managers, supervisors and admins read everything; applicants see only tasks assigned to them.
/// </summary>
public static class TaskAccess
{
    /// <summary>The tasks <paramref name="user"/> may see.</summary>
    public static IQueryable<TaskEntity> VisibleTo(
        this IQueryable<TaskEntity> tasks,
        WorkflowsDbContext db,
        CurrentUser user
    )
    {
        if (user.ReadsEverything)
            return tasks;
        var groups = user.Groups.ToList();
        var name = user.UserName;
        var offered = db
            .TaskCandidates.Where(c =>
                (c.Kind == CandidateKinds.Group && groups.Contains(c.Value))
                || (c.Kind == CandidateKinds.User && c.Value == name)
            )
            .Select(c => c.TaskId);
        if (IsChiefOfABureau(user))
        {
            var bureau = user.Bureau;
            return tasks.Where(t =>
                t.Bureau == bureau
                || t.Assignee == name
                || t.Owner == name
                || t.CompletedBy == name
                || offered.Contains(t.Id)
            );
        }
        // Candidate rows exist only while a task is open, so a closed task stays visible to whoever handled it.
        return tasks.Where(t =>
            t.Assignee == name || t.Owner == name || t.CompletedBy == name || offered.Contains(t.Id)
        );
    }

    /// <summary>True when the user may work the task (claim, complete, supplement, reject, comment, attach); readers may not.</summary>
    public static bool MayAct(CurrentUser user, TaskEntity task) =>
        user.IsIn(Roles.Clerk)
        || user.IsIn(Roles.Chief)
        || (!user.ReadsEverything && task.Assignee == user.UserName);

    /// <summary>True when the user may assign the task to someone: the chief of its bureau, or an admin.</summary>
    public static bool MayAssign(CurrentUser user, TaskEntity task) =>
        user.IsIn(Roles.Admin) || (IsChiefOfABureau(user) && task.Bureau == user.Bureau);

    /// <summary>A section chief with a bureau claim sees that bureau's whole queue.</summary>
    public static bool IsChiefOfABureau(CurrentUser user) =>
        user.IsIn(Roles.Chief) && !string.IsNullOrEmpty(user.Bureau);
}
