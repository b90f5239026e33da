// One login seen from both sides: the bearer token it returned and the cookie it set, each on its own client, so specs
// can show what a lock, a reset or a logout does to the sessions an account already has.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Authorization;

/// <summary>A login's bearer client and cookie client (the cookie sent as captured at login: a replay of a copy).</summary>
internal sealed record SignIn(HttpClient Bearer, HttpClient Cookie)
{
    /// <summary>Signs in through <c>POST /api/auth/login</c>.</summary>
    public static async Task<SignIn> AsAsync(ServerHost host, string userName, string password)
    {
        using var anonymous = host.Anonymous();
        var response = await anonymous.PostAsJsonAsync(
            "/api/auth/login",
            new { userName, password }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (string)
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        var cookie = response
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith("workflows.auth=", StringComparison.Ordinal))
            .Split(';')[0];
        var bearer = host.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var browser = host.Anonymous();
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        return new SignIn(bearer, browser);
    }

    /// <summary>
    /// A bearer token and a cookie for <paramref name="principal"/> as the host's own schemes protect them, without a
    /// login: what a sign-in of an earlier version of the server issued.
    /// </summary>
    public static SignIn Issued(ServerHost host, ClaimsPrincipal principal)
    {
        var bearerOptions = host
            .Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>()
            .Get(IdentityConstants.BearerScheme);
        var cookieOptions = host
            .Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        var token = bearerOptions.BearerTokenProtector.Protect(
            new AuthenticationTicket(
                principal,
                new AuthenticationProperties { ExpiresUtc = expires },
                IdentityConstants.BearerScheme
            )
        );
        var cookie = cookieOptions.TicketDataFormat.Protect(
            new AuthenticationTicket(
                principal,
                new AuthenticationProperties { ExpiresUtc = expires },
                IdentityConstants.ApplicationScheme
            )
        );
        var bearer = host.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var browser = host.Anonymous();
        browser.DefaultRequestHeaders.Add("Cookie", $"{cookieOptions.Cookie.Name}={cookie}");
        return new SignIn(bearer, browser);
    }

    /// <summary>What <c>/api/auth/me</c> answers to the token and to the cookie.</summary>
    public async Task<HttpStatusCode[]> MeAsync() =>
        [
            (await Bearer.GetAsync("/api/auth/me")).StatusCode,
            (await Cookie.GetAsync("/api/auth/me")).StatusCode,
        ];

    /// <summary>A new clerk account created by <paramref name="admin"/>; returns its user name.</summary>
    public static async Task<string> NewClerkAsync(HttpClient admin, string password)
    {
        var name = $"clerk.s{Guid.NewGuid():N}"[..16];
        var created = await admin.PostAsJsonAsync(
            "/api/admin/users",
            new
            {
                userName = name,
                password,
                roles = new[] { "clerk" },
            }
        );
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return name;
    }
}
