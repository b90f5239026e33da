// A state-changing API request riding on the session cookie must prove it comes from our own pages; bearer calls are exempt.
using System.Net;
using System.Net.Http.Json;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Security;

/// <summary>The CSRF guard of the cookie-authenticated API.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class CsrfSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    [Fact]
    public async Task A_cookie_post_without_a_custom_header_or_same_origin_is_refused_403()
    {
        using var browser = await SignedInBrowserAsync();
        var forged = await browser.PostAsync("/api/auth/logout", null);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        crossSite.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(crossSite)).StatusCode);
        // Still signed in: the forged requests changed nothing.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_post_with_the_custom_header_or_its_own_origin_is_accepted()
    {
        using var browser = await SignedInBrowserAsync();
        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        sameOrigin.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(sameOrigin)).StatusCode);

        using var again = await SignedInBrowserAsync();
        using var scripted = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        scripted.Headers.Add("X-Requested-With", "fetch");
        Assert.Equal(HttpStatusCode.NoContent, (await again.SendAsync(scripted)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_post_needs_no_custom_header()
    {
        using var api = await _host.As("designer");
        var deploy = await api.PostAsync(
            "/api/definitions",
            new StringContent(
                Models.UserTask(Models.NewKey("csrf")),
                System.Text.Encoding.UTF8,
                "application/xml"
            )
        );
        Assert.True(
            deploy.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK,
            $"{(int)deploy.StatusCode} {await deploy.Content.ReadAsStringAsync()}"
        );
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var browser = _host.Browser();
        var login = await browser.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = "clerk.kjj", password = "demo" }
        );
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
        return browser;
    }
}
