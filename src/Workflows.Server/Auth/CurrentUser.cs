using System.Security.Claims;

namespace Workflows.Server.Auth;

/// <summary>The signed-in user as the API sees them: name, roles, groups and bureau.</summary>
public sealed record CurrentUser(
    string UserName,
    IReadOnlySet<string> Roles,
    IReadOnlySet<string> Groups,
    string? Bureau
)
{
    /// <summary>Reads the user from a principal.</summary>
    public static CurrentUser From(ClaimsPrincipal principal) =>
        new(
            principal.Identity?.Name ?? "",
            principal
                .FindAll(ClaimTypes.Role)
                .Select(c => c.Value)
                .ToHashSet(StringComparer.Ordinal),
            principal
                .FindAll(GroupClaimsPrincipalFactory.GroupClaim)
                .Select(c => c.Value)
                .ToHashSet(StringComparer.Ordinal),
            principal.FindFirst(GroupClaimsPrincipalFactory.BureauClaim)?.Value
        );

    /// <summary>True for a role.</summary>
    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Managers, supervisors and admins read everything.</summary>
    public bool ReadsEverything =>
        IsIn(Auth.Roles.Manager) || IsIn(Auth.Roles.Supervisor) || IsIn(Auth.Roles.Admin);
}
