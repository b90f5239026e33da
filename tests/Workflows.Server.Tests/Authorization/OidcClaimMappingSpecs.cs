// The OpenID Connect claim mapping, without an identity provider.
using System.Security.Claims;
using Workflows.Server.Auth;

namespace Workflows.Server.Tests.Authorization;

/// <summary>Specs of <see cref="OidcClaimMapper"/>.</summary>
public sealed class OidcClaimMappingSpecs
{
    [Fact]
    public void A_json_array_groups_claim_becomes_group_claims_with_the_bureau_and_known_roles()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", "u-42"),
                new Claim("preferred_username", "li.na"),
                new Claim("memberOf", """["bureau:crj/reviewer","bureau:crj/chief"]"""),
                new Claim("roles", "chief"),
                new Claim("roles", "emperor"),
            ],
            "oidc"
        );

        var groups = OidcClaimMapper.Map(identity, "memberOf");
        var user = CurrentUser.From(new ClaimsPrincipal(identity));

        Assert.Equal(["bureau:crj/reviewer", "bureau:crj/chief"], groups);
        Assert.Equal(["bureau:crj/chief", "bureau:crj/reviewer"], user.Groups.Order());
        Assert.Equal("crj", user.Bureau);
        Assert.Equal(["chief"], user.Roles);
        Assert.Equal("li.na", user.UserName);
    }

    [Fact]
    public void Repeated_group_claims_are_mapped_once_and_a_non_bureau_group_sets_no_bureau()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim("groups", "auditors"),
                new Claim("groups", "auditors"),
                new Claim(ClaimTypes.Name, "x"),
            ],
            "oidc"
        );

        OidcClaimMapper.Map(identity, "groups");

        Assert.Single(identity.FindAll(GroupClaimsPrincipalFactory.GroupClaim));
        Assert.Null(identity.FindFirst(GroupClaimsPrincipalFactory.BureauClaim));
    }
}
