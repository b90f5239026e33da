// Who hears about a clock: the responsible person (assignee, else the candidate groups' members) and the section chiefs.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Sla;

/// <summary>Resolves the people a reminder or an escalation goes to.</summary>
public static class SlaRecipients
{
    /// <summary>
    /// The responsible people of a clock: a task clock's assignee, or the members of its candidate groups (and its
    /// candidate users) while unclaimed; for the case clock, the same for every open task of the case.
    /// </summary>
    public static async Task<List<string>> ResponsibleAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        CancellationToken ct
    )
    {
        var tasks = clock.TaskId is { } taskId
            ? await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).ToListAsync(ct)
            : await db
                .Tasks.AsNoTracking()
                .Where(t => t.InstanceId == clock.InstanceId && t.Status == TaskStatuses.Open)
                .ToListAsync(ct);
        var people = new List<string>();
        foreach (var task in tasks)
        {
            if (task.Assignee is { } assignee)
            {
                people.Add(assignee);
                continue;
            }
            var candidates = await db
                .TaskCandidates.AsNoTracking()
                .Where(c => c.TaskId == task.Id)
                .ToListAsync(ct);
            var groups = candidates.Where(c => c.Kind == "group").Select(c => c.Value).ToList();
            people.AddRange(candidates.Where(c => c.Kind == "user").Select(c => c.Value));
            people.AddRange(
                await db
                    .UserGroups.AsNoTracking()
                    .Where(g => groups.Contains(g.GroupId))
                    .Join(db.Users, g => g.UserId, u => u.Id, (_, u) => u.UserName!)
                    .ToListAsync(ct)
            );
        }
        return people
            .Where(p => !string.IsNullOrEmpty(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The members of <paramref name="groups"/>, by user name, sorted and distinct.</summary>
    public static async Task<List<string>> GroupMembersAsync(
        WorkflowsDbContext db,
        IReadOnlyCollection<string> groups,
        CancellationToken ct
    )
    {
        if (groups.Count == 0)
            return [];
        var names = await db
            .UserGroups.AsNoTracking()
            .Where(g => groups.Contains(g.GroupId))
            .Join(db.Users, g => g.UserId, u => u.Id, (_, u) => u.UserName!)
            .ToListAsync(ct);
        return names
            .Where(n => !string.IsNullOrEmpty(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The bureaus a clock answers to: its own, or (case clock) those of the case's open tasks.</summary>
    public static async Task<List<string>> BureausAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        CancellationToken ct
    )
    {
        if (clock.Bureau is { } bureau)
            return [bureau];
        return (
            await db
                .Tasks.AsNoTracking()
                .Where(t =>
                    t.InstanceId == clock.InstanceId
                    && t.Status == TaskStatuses.Open
                    && t.Bureau != null
                )
                .Select(t => t.Bureau!)
                .ToListAsync(ct)
        )
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The section chiefs (role <c>chief</c>) of the given bureaus.</summary>
    public static async Task<List<string>> ChiefsAsync(
        WorkflowsDbContext db,
        IReadOnlyCollection<string> bureaus,
        CancellationToken ct
    )
    {
        if (bureaus.Count == 0)
            return [];
        var roleId = await db
            .Roles.AsNoTracking()
            .Where(r => r.Name == Roles.Chief)
            .Select(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (roleId is null)
            return [];
        return await db
            .Users.AsNoTracking()
            .Where(u =>
                u.BureauCode != null
                && bureaus.Contains(u.BureauCode)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId)
            )
            .Select(u => u.UserName!)
            .OrderBy(n => n)
            .ToListAsync(ct);
    }
}
