// A sign-in is one session: the cookie and the bearer token one login issues carry the same session id. A logout ends that
// session on every node, although its cookie and token are still validly signed and unexpired (up to 8 hours).
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Auth;

/// <summary>The session id claim a sign-in (local or OpenID Connect) puts in its principal.</summary>
public static class SessionClaims
{
    /// <summary>Claim type of the session id.</summary>
    public const string SessionId = "workflows:session";

    /// <summary>Gives <paramref name="identity"/> a new session id unless it has one.</summary>
    public static void Begin(ClaimsIdentity identity)
    {
        if (identity.FindFirst(SessionId) is null)
            identity.AddClaim(new Claim(SessionId, Guid.CreateVersion7().ToString("N")));
    }
}

/// <summary>
/// The sessions ended by logout (table <c>RevokedSessions</c>). Whether a session is ended is read from the database at
/// most once per <see cref="Interval"/> per session and node; an ended session is remembered until it would have
/// expired. The node that ends a session knows at once; another node within the interval.
/// </summary>
public sealed class RevokedSessions(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptionsMonitor<CookieAuthenticationOptions> cookies
) : IDisposable
{
    /// <summary>How long a session's "not ended" is trusted before it is read again.</summary>
    public static readonly TimeSpan Interval = SecurityStamps.Interval;

    private readonly MemoryCache _known = new(
        new MemoryCacheOptions { SizeLimit = 100_000, Clock = new TimeProviderClock(time) }
    );

    /// <summary>
    /// How long after it was ended a session's cookie or token can still be presented: the longer of the bearer token's
    /// lifetime and the cookie's (a sliding cookie was renewed at the latest just before the logout).
    /// </summary>
    public TimeSpan Lifetime =>
        TimeSpan.FromTicks(
            Math.Max(
                bearer.Get(IdentityConstants.BearerScheme).BearerTokenExpiration.Ticks,
                cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan.Ticks
            )
        );

    /// <summary>Whether <paramref name="user"/>'s session was ended. A principal without a session id (issued before sessions existed) is not.</summary>
    public async Task<bool> IsRevokedAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(SessionClaims.SessionId) is not { } sessionId)
            return false;
        if (_known.TryGetValue(sessionId, out bool revoked))
            return revoked;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        revoked = await db
            .RevokedSessions.AsNoTracking()
            .AnyAsync(r => r.SessionId == sessionId, ct);
        Remember(sessionId, revoked);
        return revoked;
    }

    /// <summary>
    /// Ends <paramref name="user"/>'s session for every node, audited (<c>logout</c>, in the same transaction), and removes
    /// the rows of sessions that have expired anyway. <paramref name="everywhere"/> is recorded in the audit event (the
    /// caller renews the security stamp). Returns false when the principal has no session id (nothing to end beyond the
    /// caller's own cookie).
    /// </summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal user, bool everywhere, CancellationToken ct)
    {
        if (user.FindFirstValue(SessionClaims.SessionId) is not { } sessionId)
            return false;
        var now = time.GetUtcNow();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await db.RevokedSessions.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(ct);
        // The session id is the table's key: a second end of the same session (another request of it, racing this one or
        // on a node that has not yet seen the first) adds neither a row nor a second audit event.
        db.RevokedSessions.Add(
            new RevokedSessionEntity
            {
                SessionId = sessionId,
                UserName = user.Identity?.Name,
                RevokedAt = now,
                ExpiresAt = now + Lifetime,
            }
        );
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = user.Identity?.Name,
                Action = "logout",
                DataJson = new JsonObject
                {
                    ["session"] = sessionId,
                    ["everywhere"] = everywhere,
                }.ToJsonString(),
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            // Already ended: the row is there either way.
        }
        Remember(sessionId, true);
        return true;
    }

    private void Remember(string sessionId, bool revoked) =>
        _known.Set(
            sessionId,
            revoked,
            new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = revoked ? Lifetime : Interval,
            }
        );

    /// <inheritdoc />
    public void Dispose() => _known.Dispose();
}

/// <summary>The middleware that makes a principal anonymous, for the request, when its session can no longer be used.</summary>
public static class SessionCheck
{
    /// <summary>
    /// Call between <c>UseAuthentication</c> and <c>UseAuthorization</c>. A principal whose security stamp is no longer
    /// its account's (locked, unlocked, password reset: <see cref="SecurityStamps"/>), whose session was ended by logout
    /// (<see cref="RevokedSessions"/>) or that has no session id becomes anonymous, so a protected endpoint answers 401.
    /// Every sign-in (local or OpenID Connect) carries a session id; one without it was issued before sessions existed
    /// and, its sliding cookie renewed on every use, could never be ended by a logout, so its holder signs in again.
    /// </summary>
    public static IApplicationBuilder UseWorkflowsSessionCheck(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated == true && !await IsUsableAsync(context))
                    context.User = new ClaimsPrincipal(new ClaimsIdentity());
                await next(context);
            }
        );

    private static async Task<bool> IsUsableAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(SessionClaims.SessionId) is null)
            return false;
        var services = context.RequestServices;
        return await services
                .GetRequiredService<SecurityStamps>()
                .IsCurrentAsync(context.User, context.RequestAborted)
            && !await services
                .GetRequiredService<RevokedSessions>()
                .IsRevokedAsync(context.User, context.RequestAborted);
    }
}
