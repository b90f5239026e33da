// Who may read a case (instance): its applicant, readers, and staff who can see one of its tasks.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>Case read rules used by the audit, attachment and supplement endpoints; an unreadable case is a 404.</summary>
public static class CaseAccess
{
    /// <summary>True when the user may read the case.</summary>
    public static async Task<bool> CanReadAsync(WorkflowsDbContext db, CurrentUser user, InstanceEntity instance, CancellationToken ct)
    {
        if (user.ReadsEverything || (instance.StartedBy is not null && instance.StartedBy == user.UserName))
            return true;
        if (user.IsIn(Roles.Designer) && user.Roles.Count == 1)
            return false;
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance.Id).VisibleTo(db, user).AnyAsync(ct);
    }

    /// <summary>The case if the user may read it.</summary>
    /// <exception cref="NotFoundException">No such case, or not readable by the user.</exception>
    public static async Task<InstanceEntity> ReadableAsync(WorkflowsDbContext db, CurrentUser user, Guid id, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null || !await CanReadAsync(db, user, instance, ct))
            throw new NotFoundException($"Instance {id} does not exist.");
        return instance;
    }
}
