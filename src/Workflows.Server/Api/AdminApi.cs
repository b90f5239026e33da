using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>User and group administration (admins only); every change is an audit event with before and after.</summary>
public static class AdminApi
{
    /// <summary>Maps <c>/api/admin</c>.</summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin")
            .WithTags("Admin")
            .RequireAuthorization(Policies.Admin);
        group.MapGet("/users", ListUsersAsync);
        group.MapGet(
            "/users/{userName}",
            async (
                string userName,
                UserManager<AppUser> users,
                WorkflowsDbContext db,
                CancellationToken ct
            ) =>
                TypedResults.Ok(
                    await DescribeAsync(await FindAsync(users, userName), users, db, ct)
                )
        );
        group.MapPost("/users", CreateUserAsync);
        group.MapPut("/users/{userName}", UpdateUserAsync);
        group.MapPost(
            "/users/{userName}/lock",
            (
                string userName,
                UserManager<AppUser> users,
                WorkflowsDbContext db,
                TimeProvider time,
                ClaimsPrincipal actor,
                CancellationToken ct
            ) => SetLockAsync(userName, DateTimeOffset.MaxValue, users, db, time, actor, ct)
        );
        group.MapPost(
            "/users/{userName}/unlock",
            (
                string userName,
                UserManager<AppUser> users,
                WorkflowsDbContext db,
                TimeProvider time,
                ClaimsPrincipal actor,
                CancellationToken ct
            ) => SetLockAsync(userName, null, users, db, time, actor, ct)
        );
        group.MapPost("/users/{userName}/password", ResetPasswordAsync);
        group.MapPost("/users/{userName}/groups", AddGroupAsync);
        group.MapDelete("/users/{userName}/groups/{*groupId}", RemoveGroupAsync);
        group.MapGet(
            "/groups",
            async (WorkflowsDbContext db, CancellationToken ct) =>
            {
                var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct);
                var counts = await db
                    .UserGroups.AsNoTracking()
                    .GroupBy(g => g.GroupId)
                    .Select(g => new { g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                return TypedResults.Ok(
                    groups
                        .Select(g => new GroupDto(
                            g.Id,
                            g.Name,
                            g.NameEn,
                            g.BureauCode,
                            counts.GetValueOrDefault(g.Id)
                        ))
                        .ToList()
                );
            }
        );
        return app;
    }

    /// <summary>A user as admins see it.</summary>
    public sealed record UserDto(
        string UserName,
        string? DisplayName,
        string? Email,
        string? Bureau,
        IReadOnlyList<string> Roles,
        IReadOnlyList<string> Groups,
        bool LockedOut,
        DateTimeOffset? LockoutEnd,
        int AccessFailedCount
    );

    /// <summary>A group with its member count.</summary>
    public sealed record GroupDto(
        string Id,
        string Name,
        string NameEn,
        string? Bureau,
        int Members
    );

    private static async Task<Ok<List<UserDto>>> ListUsersAsync(
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var result = new List<UserDto>(all.Count);
        foreach (var u in all)
            result.Add(await DescribeAsync(u, users, db, ct));
        return TypedResults.Ok(result);
    }

    private static async Task<Created<UserDto>> CreateUserAsync(
        HttpRequest request,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var userName = JsonBody.RequiredString(body, "userName");
        var password = JsonBody.RequiredString(body, "password");
        var roles = Strings(body, "roles") ?? [];
        var groups = Strings(body, "groups") ?? [];
        await RequireValidAsync(roles, groups, db, ct);
        if (await users.FindByNameAsync(userName) is not null)
            throw new ConflictException($"User '{userName}' already exists.");
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = JsonBody.String(body, "displayName"),
            Email = JsonBody.String(body, "email"),
            BureauCode = JsonBody.String(body, "bureau"),
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), "password");
        Check(await users.AddToRolesAsync(user, roles), "roles");
        foreach (var g in groups)
            db.UserGroups.Add(new UserGroupEntity { UserId = user.Id, GroupId = g });
        var dto = await DescribeAsync(user, users, db, ct, groups);
        Audit(db, time, actor, "admin.user.created", new { after = dto });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/users/{Uri.EscapeDataString(userName)}", dto);
    }

    private static async Task<Ok<UserDto>> UpdateUserAsync(
        string userName,
        HttpRequest request,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var user = await FindAsync(users, userName);
        var before = await DescribeAsync(user, users, db, ct);
        if (body.ContainsKey("displayName"))
            user.DisplayName = JsonBody.String(body, "displayName");
        if (body.ContainsKey("email"))
            user.Email = JsonBody.String(body, "email");
        if (body.ContainsKey("bureau"))
            user.BureauCode = JsonBody.String(body, "bureau");
        Check(await users.UpdateAsync(user), "userName");
        if (Strings(body, "roles") is { } roles)
        {
            await RequireValidAsync(roles, [], db, ct);
            var current = await users.GetRolesAsync(user);
            Check(await users.RemoveFromRolesAsync(user, current.Except(roles)), "roles");
            Check(await users.AddToRolesAsync(user, roles.Except(current)), "roles");
        }
        var after = await DescribeAsync(user, users, db, ct);
        Audit(
            db,
            time,
            actor,
            "admin.user.updated",
            new
            {
                userName,
                before,
                after,
            }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(after);
    }

    private static async Task<Ok<UserDto>> SetLockAsync(
        string userName,
        DateTimeOffset? until,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var user = await FindAsync(users, userName);
        var before = await DescribeAsync(user, users, db, ct);
        Check(await users.SetLockoutEnabledAsync(user, true), "userName");
        Check(await users.SetLockoutEndDateAsync(user, until), "userName");
        if (until is null)
            Check(await users.ResetAccessFailedCountAsync(user), "userName");
        // A locked (or unlocked) user's existing cookies and bearer tokens stop working: on this node at once, on the
        // others within SecurityStamps.Interval (WorkflowsUserManager drops the cached stamp).
        Check(await users.UpdateSecurityStampAsync(user), "userName");
        var after = await DescribeAsync(user, users, db, ct);
        Audit(
            db,
            time,
            actor,
            until is null ? "admin.user.unlocked" : "admin.user.locked",
            new
            {
                userName,
                before = new { before.LockedOut },
                after = new { after.LockedOut },
            }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(after);
    }

    private static async Task<NoContent> ResetPasswordAsync(
        string userName,
        HttpRequest request,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var password = JsonBody.RequiredString(
            await JsonBody.ReadObjectAsync(request, ct),
            "password"
        );
        var user = await FindAsync(users, userName);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password), "password"); // a new security stamp: old sign-ins end
        Audit(db, time, actor, "admin.user.password-reset", new { userName });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserDto>> AddGroupAsync(
        string userName,
        HttpRequest request,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var groupId = JsonBody.RequiredString(
            await JsonBody.ReadObjectAsync(request, ct),
            "groupId"
        );
        var user = await FindAsync(users, userName);
        await RequireValidAsync([], [groupId], db, ct);
        if (!await db.UserGroups.AnyAsync(g => g.UserId == user.Id && g.GroupId == groupId, ct))
        {
            db.UserGroups.Add(new UserGroupEntity { UserId = user.Id, GroupId = groupId });
            Audit(db, time, actor, "admin.user.group-added", new { userName, groupId });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await DescribeAsync(user, users, db, ct));
    }

    private static async Task<Ok<UserDto>> RemoveGroupAsync(
        string userName,
        string groupId,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        CancellationToken ct
    )
    {
        var user = await FindAsync(users, userName);
        var row =
            await db.UserGroups.FirstOrDefaultAsync(
                g => g.UserId == user.Id && g.GroupId == groupId,
                ct
            ) ?? throw new NotFoundException($"User '{userName}' is not in group '{groupId}'.");
        db.UserGroups.Remove(row);
        Audit(db, time, actor, "admin.user.group-removed", new { userName, groupId });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DescribeAsync(user, users, db, ct));
    }

    private static async Task<AppUser> FindAsync(UserManager<AppUser> users, string userName) =>
        await users.FindByNameAsync(userName)
        ?? throw new NotFoundException($"There is no user '{userName}'.");

    private static async Task<UserDto> DescribeAsync(
        AppUser u,
        UserManager<AppUser> users,
        WorkflowsDbContext db,
        CancellationToken ct,
        IReadOnlyList<string>? pendingGroups = null
    )
    {
        var roles = (await users.GetRolesAsync(u)).Order(StringComparer.Ordinal).ToList();
        var groups =
            pendingGroups?.Order(StringComparer.Ordinal).ToList()
            ?? await db
                .UserGroups.AsNoTracking()
                .Where(g => g.UserId == u.Id)
                .Select(g => g.GroupId)
                .OrderBy(g => g)
                .ToListAsync(ct);
        var locked = u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
        return new UserDto(
            u.UserName ?? "",
            u.DisplayName,
            u.Email,
            u.BureauCode,
            roles,
            groups,
            locked,
            u.LockoutEnd,
            u.AccessFailedCount
        );
    }

    private static async Task RequireValidAsync(
        IReadOnlyList<string> roles,
        IReadOnlyList<string> groups,
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        if (roles.FirstOrDefault(r => !Roles.All.Contains(r)) is { } badRole)
            throw new BadFieldException(
                "roles",
                $"'{badRole}' is not a role; roles: {string.Join(", ", Roles.All)}."
            );
        foreach (var g in groups)
            if (!await db.Groups.AnyAsync(x => x.Id == g, ct))
                throw new BadFieldException("groups", $"There is no group '{g}'.");
    }

    private static List<string>? Strings(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonArray a when a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) =>
                a.Select(x => (string)x!).Distinct(StringComparer.Ordinal).ToList(),
            _ => throw new BadFieldException(field, $"'{field}' must be an array of strings."),
        };

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
            throw new BadFieldException(
                field,
                string.Join(" ", result.Errors.Select(e => e.Description))
            );
    }

    private static void Audit(
        WorkflowsDbContext db,
        TimeProvider time,
        ClaimsPrincipal actor,
        string action,
        object data
    ) =>
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = time.GetUtcNow(),
                Actor = actor.Identity?.Name,
                Action = action,
                DataJson = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
            }
        );
}
