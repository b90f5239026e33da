// OpenID Connect as an optional external login, switched on by Authentication:Oidc:Authority.
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;

namespace Workflows.Server.Auth;

/// <summary>
/// Registers the <c>oidc</c> scheme only when <c>Authentication:Oidc:Authority</c> is set. The provider's groups claim
/// (<c>GroupsClaim</c>, default <c>groups</c>) becomes our <c>group</c> claims (<see cref="OidcClaimMapper"/>) and the
/// session is the usual Identity cookie, so authorization is the same as for a local login.
/// </summary>
public static class OidcRegistration
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "oidc";

    /// <summary>Adds OpenID Connect when configured; returns whether it was.</summary>
    public static bool AddWorkflowsOidc(
        this IServiceCollection services,
        IConfiguration configuration
    )
    {
        var section = configuration.GetSection("Authentication:Oidc");
        var authority = section["Authority"];
        if (string.IsNullOrWhiteSpace(authority))
            return false;
        var groupsClaim = section["GroupsClaim"] is { Length: > 0 } g ? g : "groups";
        new AuthenticationBuilder(services).AddOpenIdConnect(
            Scheme,
            "OpenID Connect",
            o =>
            {
                o.Authority = authority;
                o.ClientId = section["ClientId"];
                o.ClientSecret = section["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.SignInScheme = IdentityConstants.ApplicationScheme;
                o.MapInboundClaims = false;
                o.Scope.Add("profile");
                o.ClaimActions.MapJsonKey(groupsClaim, groupsClaim);
                o.Events.OnTokenValidated = ctx =>
                {
                    if (ctx.Principal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                    {
                        OidcClaimMapper.Map(identity, groupsClaim);
                        SessionClaims.Begin(identity);
                    }
                    return Task.CompletedTask;
                };
            }
        );
        return true;
    }

    /// <summary>Maps <c>GET /api/auth/oidc/login?returnUrl=</c>, which sends the browser to the provider (404 when OIDC is off).</summary>
    public static IEndpointRouteBuilder MapWorkflowsOidc(
        this IEndpointRouteBuilder app,
        bool enabled
    )
    {
        if (!enabled)
            return app;
        app.MapGet(
                "/api/auth/oidc/login",
                (string? returnUrl) =>
                    Results.Challenge(
                        new AuthenticationProperties
                        {
                            RedirectUri =
                                returnUrl is { Length: > 0 }
                                && returnUrl.StartsWith('/')
                                && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                                    ? returnUrl
                                    : "/",
                        },
                        [Scheme]
                    )
            )
            .AllowAnonymous()
            .WithTags("Auth");
        return app;
    }
}
