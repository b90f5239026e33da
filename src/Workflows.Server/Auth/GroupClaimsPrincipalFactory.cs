using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Auth;

/// <summary>Adds the user's groups (<c>group</c> claims), bureau and display name to the principal at sign-in.</summary>
public sealed class GroupClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IOptions<IdentityOptions> options,
    WorkflowsDbContext db
) : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    /// <summary>The claim type of a group membership.</summary>
    public const string GroupClaim = "group";

    /// <summary>The claim type of the user's bureau code.</summary>
    public const string BureauClaim = "bureau";

    /// <inheritdoc />
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var groups = await db
            .UserGroups.Where(g => g.UserId == user.Id)
            .Select(g => g.GroupId)
            .ToListAsync();
        foreach (var g in groups)
            identity.AddClaim(new Claim(GroupClaim, g));
        if (user.BureauCode is not null)
            identity.AddClaim(new Claim(BureauClaim, user.BureauCode));
        if (user.DisplayName is not null)
            identity.AddClaim(new Claim("display_name", user.DisplayName));
        return identity;
    }
}
