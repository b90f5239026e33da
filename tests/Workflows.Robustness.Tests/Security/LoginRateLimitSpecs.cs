// POST /api/auth/login is throttled per client address and user name (Security:LoginRateLimit per minute, default 10).
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Security;

/// <summary>The login rate limit.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class LoginRateLimitSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task The_eleventh_login_attempt_for_a_user_name_within_a_minute_is_refused_with_429_problem_details()
    {
        using var client = _host.Anonymous();
        // A name with no account: Identity's lockout never applies, so only the rate limiter can refuse.
        for (var i = 0; i < 10; i++)
        {
            var attempt = await client.PostAsJsonAsync(
                "/api/auth/login",
                new { userName = "guesser.one", password = "wrong" + i }
            );
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        var refused = await client.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = "guesser.one", password = "demo" }
        );
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(429, (int)problem!["status"]!);
        Assert.True(refused.Headers.RetryAfter is not null, "a 429 says when to retry");
    }

    [Fact]
    public async Task Another_user_from_the_same_address_is_not_throttled_by_someone_elses_attempts()
    {
        using var client = _host.Anonymous();
        for (var i = 0; i < 11; i++)
            await client.PostAsJsonAsync(
                "/api/auth/login",
                new { userName = "guesser.two", password = "wrong" }
            );
        Assert.Equal(
            HttpStatusCode.TooManyRequests,
            (
                await client.PostAsJsonAsync(
                    "/api/auth/login",
                    new { userName = "guesser.two", password = "x" }
                )
            ).StatusCode
        );
        var other = await client.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = "admin", password = "demo" }
        );
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
