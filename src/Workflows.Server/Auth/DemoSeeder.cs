using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;

namespace Workflows.Server.Auth;

/// <summary>Seeds groups always, and the demo users of <c>workflows/directory.json</c> (password <c>demo</c>) in demo mode.</summary>
public sealed class DemoSeeder(
    WorkflowsDbContext db,
    DirectoryCatalog directory,
    UserManager<AppUser> users
)
{
    /// <summary>The demo password of every seeded account.</summary>
    public const string DemoPassword = "demo";

    /// <summary>Creates missing roles, groups and users; existing ones are left as they are.</summary>
    /// <remarks>
    /// Every start of a demo server runs this, and a new database's start waits for it: read what exists in one query per
    /// table, then add what is missing in one transaction. The rows are written directly rather than through
    /// <see cref="UserManager{TUser}.CreateAsync(TUser)"/> and <see cref="UserManager{TUser}.AddToRolesAsync"/>, which
    /// validate and save one user and one role at a time (about a second of a new database's start for the 24 demo
    /// accounts); the seeded values are the same: normalized names and e-mails, a security stamp, a concurrency stamp.
    /// </remarks>
    public async Task SeedAsync(CancellationToken ct)
    {
        var existingRoles = await db.Roles.ToDictionaryAsync(
            r => r.Name!,
            r => r.Id,
            StringComparer.OrdinalIgnoreCase,
            ct
        );
        foreach (var name in Roles.All.Where(r => !existingRoles.ContainsKey(r)))
        {
            var role = new AppRole { Name = name, NormalizedName = users.NormalizeName(name) };
            db.Roles.Add(role);
            existingRoles[name] = role.Id;
        }
        var existingGroups = await db.Groups.Select(g => g.Id).ToListAsync(ct);
        foreach (var g in directory.Groups.Where(g => !existingGroups.Contains(g.Id)))
            db.Groups.Add(
                new GroupEntity
                {
                    Id = g.Id,
                    Name = g.Name,
                    NameEn = g.NameEn,
                    BureauCode = g.Bureau,
                }
            );
        var existingUsers = (await db.Users.Select(u => u.UserName).ToListAsync(ct)).ToHashSet(
            StringComparer.OrdinalIgnoreCase
        );
        var missing = directory.Users.Where(u => !existingUsers.Contains(u.UserName)).ToList();
        if (missing.Count > 0)
        {
            // The password hash is salted PBKDF2 with Identity's full iteration count (about 100 ms of CPU each); every
            // demo account has the same well-known password, so one hash serves them all instead of one per account.
            // The demo password is deliberately shorter than the password rules allow: the hash is set directly.
            var passwordHash = users.PasswordHasher.HashPassword(new AppUser(), DemoPassword);
            foreach (var u in missing)
            {
                var email = u.Email ?? $"{u.UserName}@example.gov.cn";
                var user = new AppUser
                {
                    UserName = u.UserName,
                    NormalizedUserName = users.NormalizeName(u.UserName),
                    DisplayName = u.DisplayName,
                    BureauCode = u.Bureau,
                    Email = email,
                    NormalizedEmail = users.NormalizeEmail(email),
                    EmailConfirmed = true,
                    LockoutEnabled = true,
                    PasswordHash = passwordHash,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                };
                db.Users.Add(user);
                foreach (var role in u.Roles)
                {
                    if (!existingRoles.TryGetValue(role, out var roleId))
                        throw new InvalidOperationException(
                            $"Seeding {u.UserName} failed: role '{role}' does not exist."
                        );
                    db.UserRoles.Add(
                        new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId }
                    );
                }
                foreach (var g in u.Groups)
                    db.UserGroups.Add(new UserGroupEntity { UserId = user.Id, GroupId = g });
            }
        }
        await db.SaveChangesAsync(ct); // one transaction: roles, groups, users, their roles and groups
    }
}
