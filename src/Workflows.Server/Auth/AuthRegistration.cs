using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Auth;

/// <summary>
/// Identity on the application database with two ways in: a cookie for the browser and a bearer token for API
/// clients. A policy scheme picks the bearer handler when an <c>Authorization: Bearer</c> header is present.
/// </summary>
public static class AuthRegistration
{
    /// <summary>The scheme that forwards to the cookie or the bearer handler.</summary>
    public const string Smart = "smart";

    /// <summary>Adds Identity, cookie + bearer authentication and the role policies.</summary>
    public static IServiceCollection AddWorkflowsAuth(this IServiceCollection services)
    {
        services
            .AddAuthentication(Smart)
            .AddPolicyScheme(
                Smart,
                "Cookie or bearer",
                o =>
                    o.ForwardDefaultSelector = ctx =>
                        ctx
                            .Request.Headers.Authorization.ToString()
                            .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                            ? IdentityConstants.BearerScheme
                            : IdentityConstants.ApplicationScheme
            )
            .AddBearerToken(
                IdentityConstants.BearerScheme,
                o => o.BearerTokenExpiration = TimeSpan.FromHours(8)
            )
            .AddCookie(
                IdentityConstants.ApplicationScheme,
                o =>
                {
                    o.Cookie.Name = "workflows.auth";
                    o.Cookie.HttpOnly = true;
                    o.Cookie.SameSite = SameSiteMode.Lax;
                    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    o.ExpireTimeSpan = TimeSpan.FromHours(8);
                    o.SlidingExpiration = true;
                    // An API caller gets a status code, never a redirect to a login page.
                    o.Events.OnRedirectToLogin = ctx =>
                    {
                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    };
                    o.Events.OnRedirectToAccessDenied = ctx =>
                    {
                        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    };
                }
            );
        // After the framework's own options setup, so it wraps the protector the bearer scheme uses.
        services.AddSingleton<
            Microsoft.Extensions.Options.IPostConfigureOptions<BearerTokenOptions>,
            BearerTicketCache.Install
        >();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<RevokedSessions>();
        services
            .AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<WorkflowsDbContext>()
            .AddUserManager<WorkflowsUserManager>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<GroupClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services
            .AddAuthorizationBuilder()
            .SetFallbackPolicy(
                new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                    .RequireAuthenticatedUser()
                    .Build()
            )
            .AddPolicy(Policies.Deploy, p => p.RequireRole(Roles.Designer, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(
                Policies.Messages,
                p => p.RequireRole(Roles.Admin, Roles.Clerk, Roles.Chief)
            );
        services.AddScoped<DemoSeeder>();
        return services;
    }
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Deploy and publish definitions.</summary>
    public const string Deploy = "deploy";

    /// <summary>Administration.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Delivering a message from outside (another government system's answer, e.g. the national approval): integration
    /// accounts (admin) and the bureau staff who record an answer received by them — never an applicant, who could
    /// otherwise approve their own case, nor a read-only manager or supervisor.
    /// </summary>
    public const string Messages = "messages";
}
