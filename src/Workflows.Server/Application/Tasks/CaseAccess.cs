// Who may read a case (instance): its applicant, readers, and staff whose bureau or groups had or have a task in it.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Case read rules used by the instance, audit, attachment, supplement and clock endpoints; an unreadable case is a 404
/// (never 403) and never appears in a list or a count. Managers, supervisors and admins read every case; the applicant
/// reads the cases they started; a clerk reads a case in which one of their groups had or has a task, or a task that is
/// (or was) theirs; a section chief also reads every case with a task of their bureau.
/// </summary>
public static class CaseAccess
{
    /// <summary>True when the user may read the case.</summary>
    public static async Task<bool> CanReadAsync(
        WorkflowsDbContext db,
        CurrentUser user,
        InstanceEntity instance,
        CancellationToken ct
    )
    {
        if (
            user.ReadsEverything
            || (instance.StartedBy is not null && instance.StartedBy == user.UserName)
        )
            return true;
        if (user.IsIn(Roles.Designer) && user.Roles.Count == 1)
            return false;
        return await db
            .Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instance.Id)
            .HandledBy(db, user)
            .AnyAsync(ct);
    }

    /// <summary>The case if the user may read it.</summary>
    /// <exception cref="NotFoundException">No such case, or not readable by the user.</exception>
    public static async Task<InstanceEntity> ReadableAsync(
        WorkflowsDbContext db,
        CurrentUser user,
        Guid id,
        CancellationToken ct
    )
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null || !await CanReadAsync(db, user, instance, ct))
            throw new NotFoundException($"Instance {id} does not exist.");
        return instance;
    }

    /// <summary>The cases the user may read, for lists and counts (the same rule as <see cref="CanReadAsync"/>).</summary>
    public static IQueryable<InstanceEntity> ReadableBy(
        this IQueryable<InstanceEntity> instances,
        WorkflowsDbContext db,
        CurrentUser user
    )
    {
        if (user.ReadsEverything)
            return instances;
        var name = user.UserName;
        if (user.IsIn(Roles.Designer) && user.Roles.Count == 1)
            return instances.Where(i => i.StartedBy == name);
        var handled = db.Tasks.HandledBy(db, user).Select(t => t.InstanceId);
        return instances.Where(i => i.StartedBy == name || handled.Contains(i.Id));
    }

    /// <summary>
    /// Tasks, open or closed, that give the user a view of their case: visible now (<see cref="TaskAccess.VisibleTo"/>),
    /// or once offered to one of the user's groups. Candidate rows exist only while a task is open, so closed tasks are
    /// matched on their <see cref="TaskEntity.CandidateGroups"/> list (comma-separated group ids).
    /// </summary>
    public static IQueryable<TaskEntity> HandledBy(
        this IQueryable<TaskEntity> tasks,
        WorkflowsDbContext db,
        CurrentUser user
    )
    {
        var groups = user.Groups.Select(g => "," + g + ",").ToList();
        var visible = tasks.VisibleTo(db, user);
        if (groups.Count == 0 || user.ReadsEverything)
            return visible;
        var offered = tasks.Where(t =>
            groups.Any(g => ("," + t.CandidateGroups + ",").Contains(g))
        );
        return visible.Union(offered);
    }
}
