// The browser session cookie and the response headers that harden pages and API answers.
using System.Net;
using System.Net.Http.Json;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Security;

/// <summary>Cookie flags and security headers.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class CookieAndHeaderSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task The_session_cookie_is_http_only_same_site_lax_and_secure_over_https()
    {
        using var client = _host.Browser(new Uri("https://localhost"));
        var response = await client.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = "clerk.kjj", password = "demo" }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert
            .Single(
                response.Headers.GetValues("Set-Cookie"),
                c => c.StartsWith("workflows.auth=", StringComparison.Ordinal)
            )
            .ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.True(cookie.Contains("samesite=lax") || cookie.Contains("samesite=strict"), cookie);
        Assert.Contains("secure", cookie);
    }

    [Fact]
    public async Task Api_answers_even_refusals_carry_nosniff_frame_denial_and_a_referrer_policy()
    {
        using var client = _host.Anonymous();
        var response = await client.GetAsync("/api/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertBaseHeaders(response);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_that_allows_only_this_origin()
    {
        using var client = _host.Anonymous();
        var response = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertBaseHeaders(response);
        var csp = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        foreach (
            var directive in csp.Split(
                ';',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
            )
        )
        foreach (var source in directive.Split(' ').Skip(1))
            Assert.True(
                source is "'self'" or "'none'" or "'unsafe-inline'" or "data:",
                $"CSP source {source} in {directive} allows another origin"
            );
    }

    private static void AssertBaseHeaders(HttpResponseMessage response)
    {
        Assert.Equal(
            "nosniff",
            Assert.Single(response.Headers.GetValues("X-Content-Type-Options"))
        );
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(
            "strict-origin-when-cross-origin",
            Assert.Single(response.Headers.GetValues("Referrer-Policy"))
        );
    }
}
