using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;

namespace Workflows.Server.Auth;

/// <summary>Seeds groups always, and the demo users of <c>workflows/directory.json</c> (password <c>demo</c>) in demo mode.</summary>
public sealed class DemoSeeder(WorkflowsDbContext db, DirectoryCatalog directory, UserManager<AppUser> users, RoleManager<AppRole> roles)
{
    /// <summary>The demo password of every seeded account.</summary>
    public const string DemoPassword = "demo";

    /// <summary>Creates missing roles, groups and users; existing ones are left as they are.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        // Every start of a demo server runs this: read what exists in one query per table, so a seeded database costs
        // three queries, not one per role and per user.
        var existingRoles = await roles.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !existingRoles.Contains(r)))
            await roles.CreateAsync(new AppRole { Name = role });
        var existingGroups = await db.Groups.Select(g => g.Id).ToListAsync(ct);
        foreach (var g in directory.Groups.Where(g => !existingGroups.Contains(g.Id)))
            db.Groups.Add(new GroupEntity { Id = g.Id, Name = g.Name, NameEn = g.NameEn, BureauCode = g.Bureau });
        await db.SaveChangesAsync(ct);
        var existingUsers = (await users.Users.Select(u => u.UserName).ToListAsync(ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = directory.Users.Where(u => !existingUsers.Contains(u.UserName)).ToList();
        if (missing.Count == 0)
            return;
        // The password hash is salted PBKDF2 with Identity's full iteration count (about 100 ms of CPU each); every demo
        // account has the same well-known password, so one hash serves them all instead of one per account.
        var passwordHash = users.PasswordHasher.HashPassword(new AppUser(), DemoPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var u in missing)
        {
            var user = new AppUser { UserName = u.UserName, DisplayName = u.DisplayName, BureauCode = u.Bureau, Email = u.Email ?? $"{u.UserName}@example.gov.cn", EmailConfirmed = true, LockoutEnabled = true };
            // The demo password is deliberately shorter than the password rules allow: set the hash directly.
            user.PasswordHash = passwordHash;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Seeding {u.UserName} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            await users.AddToRolesAsync(user, u.Roles);
            foreach (var g in u.Groups)
                db.UserGroups.Add(new UserGroupEntity { UserId = user.Id, GroupId = g });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
