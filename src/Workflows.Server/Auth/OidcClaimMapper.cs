// Turns an external identity provider's claims into ours: group claims, the bureau and roles.
using System.Security.Claims;
using System.Text.Json;

namespace Workflows.Server.Auth;

/// <summary>
/// Maps the groups claim of an OpenID Connect token (configurable name; a JSON array or repeated claims) to our
/// <c>group</c> claims, derives the <c>bureau</c> claim from a <c>bureau:CODE/…</c> group, and keeps known role names
/// from the <c>roles</c>/<c>role</c> claims.
/// </summary>
public static class OidcClaimMapper
{
    /// <summary>Adds the mapped claims to <paramref name="identity"/>; returns the groups found.</summary>
    public static IReadOnlyList<string> Map(ClaimsIdentity identity, string groupsClaim)
    {
        var groups = Values(identity, groupsClaim).Distinct(StringComparer.Ordinal).ToList();
        foreach (
            var g in groups.Where(g =>
                !identity.HasClaim(GroupClaimsPrincipalFactory.GroupClaim, g)
            )
        )
            identity.AddClaim(new Claim(GroupClaimsPrincipalFactory.GroupClaim, g));
        if (
            identity.FindFirst(GroupClaimsPrincipalFactory.BureauClaim) is null
            && groups.Select(BureauOf).FirstOrDefault(b => b is not null) is { } bureau
        )
            identity.AddClaim(new Claim(GroupClaimsPrincipalFactory.BureauClaim, bureau));
        var roles = Values(identity, "roles")
            .Concat(Values(identity, "role"))
            .Where(r => Roles.All.Contains(r))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var r in roles.Where(r => !identity.HasClaim(ClaimTypes.Role, r)))
            identity.AddClaim(new Claim(ClaimTypes.Role, r));
        if (
            identity.FindFirst(ClaimTypes.Name) is null
            && (identity.FindFirst("preferred_username") ?? identity.FindFirst("sub")) is { } name
        )
            identity.AddClaim(new Claim(ClaimTypes.Name, name.Value));
        return groups;
    }

    private static string? BureauOf(string group) =>
        group.StartsWith("bureau:", StringComparison.Ordinal)
        && group.IndexOf('/', StringComparison.Ordinal) is > 7 and var slash
            ? group[7..slash]
            : null;

    private static IEnumerable<string> Values(ClaimsIdentity identity, string type)
    {
        foreach (var claim in identity.FindAll(type).ToList())
        {
            var value = claim.Value.Trim();
            if (value.StartsWith('['))
            {
                string[]? array = null;
                try
                {
                    array = JsonSerializer.Deserialize<string[]>(value);
                }
                catch (JsonException) { }
                foreach (var v in array ?? [])
                    if (!string.IsNullOrWhiteSpace(v))
                        yield return v;
            }
            else if (value.Length > 0)
            {
                yield return value;
            }
        }
    }
}
