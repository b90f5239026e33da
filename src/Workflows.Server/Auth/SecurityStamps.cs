// A signed-in principal carries its user's security stamp from the moment it was issued. An administrator's lock, unlock
// or password reset changes the stamp; from then on the old cookie and the old bearer token must stop working, although
// both are still validly signed and unexpired (up to 8 hours).
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Workflows.Data;

namespace Workflows.Server.Auth;

/// <summary>
/// The current security stamp of each user, read from the database at most once per <see cref="Interval"/> per user
/// and node (a change through Identity on this node is seen at once: <see cref="WorkflowsUserManager"/> calls
/// <see cref="Forget"/>; another node sees it within the interval).
/// </summary>
public sealed class SecurityStamps(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<IdentityOptions> identity
) : IDisposable
{
    /// <summary>How long a user's stamp is trusted before it is read again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly MemoryCache _stamps = new(
        new MemoryCacheOptions { SizeLimit = 100_000, Clock = new TimeProviderClock(time) }
    );

    /// <summary>
    /// Whether <paramref name="user"/> still holds its user's current stamp. A principal without a stamp or user id
    /// claim (an external sign-in) is not checked; a principal whose user no longer exists is not current.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (
            user.FindFirstValue(claims.SecurityStampClaimType) is not { } stamp
            || user.FindFirstValue(claims.UserIdClaimType) is not { } userId
        )
            return true;
        if (!_stamps.TryGetValue(userId, out string? current))
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            current =
                await db
                    .Users.AsNoTracking()
                    .Where(u => u.Id == userId)
                    .Select(u => u.SecurityStamp ?? "")
                    .FirstOrDefaultAsync(ct)
                ?? "";
            _stamps.Set(
                userId,
                current,
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Interval }
            );
        }
        return current is { Length: > 0 }
            && string.Equals(current, stamp, StringComparison.Ordinal);
    }

    /// <summary>Drops what this node knows of a user's stamp (after the account row changed).</summary>
    public void Forget(string userId) => _stamps.Remove(userId);

    /// <inheritdoc />
    public void Dispose() => _stamps.Dispose();
}
