using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Sign-in for the browser (cookie) and API clients (bearer token), sign-out, and who am I.</summary>
public static class AuthApi
{
    /// <summary>Maps <c>/api/auth</c>.</summary>
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", (Delegate)LogoutAsync);
        group.MapGet(
            "/me",
            (ClaimsPrincipal user) => TypedResults.Ok(Describe(CurrentUser.From(user), null))
        );
        return app;
    }

    /// <summary>Login request.</summary>
    public sealed record LoginRequest(string? UserName, string? Password);

    /// <summary>Login answer: the bearer token and who the user is.</summary>
    public sealed record LoginResponse(
        string? AccessToken,
        string UserName,
        IReadOnlyCollection<string> Roles,
        IReadOnlyCollection<string> Groups,
        string? Bureau,
        DateTimeOffset? ExpiresAt
    );

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request,
        HttpContext http,
        SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer,
        WorkflowsDbContext db,
        TimeProvider time
    )
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(
                title: "userName and password are required.",
                statusCode: 400
            );
        var user = await signIn.UserManager.FindByNameAsync(request.UserName);
        var result = user is null
            ? SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            db.AuditEvents.Add(
                new AuditEventEntity
                {
                    At = time.GetUtcNow(),
                    Actor = request.UserName,
                    Action = result.IsLockedOut ? "login.locked-out" : "login.failed",
                    DataJson = new JsonObject { ["ip"] = ClientAddress(http) }.ToJsonString(),
                }
            );
            await db.SaveChangesAsync();
            return result.IsLockedOut
                ? TypedResults.Problem(
                    title: "Account locked after repeated failed logins; try again later.",
                    statusCode: 423
                )
                : TypedResults.Problem(title: "Wrong user name or password.", statusCode: 401);
        }
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        // One session for the cookie and the token of this login: a logout ends both.
        SessionClaims.Begin((ClaimsIdentity)principal.Identity!);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = time.GetUtcNow(),
                Actor = user!.UserName,
                Action = "login.succeeded",
                DataJson = new JsonObject
                {
                    ["session"] = principal.FindFirstValue(SessionClaims.SessionId),
                    ["ip"] = ClientAddress(http),
                }.ToJsonString(),
            }
        );
        await db.SaveChangesAsync();
        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var expires = time.GetUtcNow() + options.BearerTokenExpiration;
        var ticket = new AuthenticationTicket(
            principal,
            new AuthenticationProperties { ExpiresUtc = expires },
            IdentityConstants.BearerScheme
        );
        var token = options.BearerTokenProtector.Protect(ticket);
        return TypedResults.Ok(Describe(CurrentUser.From(principal), token, expires));
    }

    // Ends the caller's session (the cookie and the bearer token of its login, on every node) and clears the cookie;
    // ?everywhere=true also ends every other session of the account by renewing its security stamp.
    private static async Task<NoContent> LogoutAsync(
        HttpContext http,
        RevokedSessions sessions,
        UserManager<AppUser> users,
        bool? everywhere
    )
    {
        await sessions.RevokeAsync(http.User, everywhere == true, http.RequestAborted);
        if (everywhere == true && await users.GetUserAsync(http.User) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.NoContent();
    }

    private static string? ClientAddress(HttpContext http) =>
        http.Connection.RemoteIpAddress?.ToString();

    private static LoginResponse Describe(
        CurrentUser user,
        string? token,
        DateTimeOffset? expires = null
    ) =>
        new(
            token,
            user.UserName,
            user.Roles.Order().ToArray(),
            user.Groups.Order().ToArray(),
            user.Bureau,
            expires
        );
}
