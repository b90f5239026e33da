// Bearer tokens are unprotected once and then answered from memory: the same tickets, never shared objects, never
// past their expiry; and the server's bearer scheme uses the cache.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Server.Auth;
using Workflows.Server.Tests.Catalog;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

public sealed class BearerTicketCacheSpecs(TaskSqliteFixture fixture)
    : IClassFixture<TaskSqliteFixture>
{
    private readonly ManualTime _time = new();

    // The real protector of a bearer token (data protection with an ephemeral key ring), counting its unprotects.
    private sealed class Counted(ISecureDataFormat<AuthenticationTicket> real)
        : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects;

        public string Protect(AuthenticationTicket data) => real.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) =>
            real.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) =>
            Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Interlocked.Increment(ref Unprotects);
            return real.Unprotect(protectedText, purpose);
        }
    }

    private static Counted RealProtector() =>
        new(
            new TicketDataFormat(
                new EphemeralDataProtectionProvider().CreateProtector(
                    "Workflows.Tests",
                    "BearerToken"
                )
            )
        );

    private AuthenticationTicket Ticket(string userName, TimeSpan lifetime)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, "clerk")],
            IdentityConstants.BearerScheme
        );
        return new AuthenticationTicket(
            new ClaimsPrincipal(identity),
            new AuthenticationProperties { ExpiresUtc = _time.GetUtcNow() + lifetime },
            IdentityConstants.BearerScheme
        );
    }

    [Fact]
    public void A_token_is_unprotected_once_and_every_request_gets_its_own_copy_of_the_ticket()
    {
        var real = RealProtector();
        using var cache = new BearerTicketCache(real, _time);
        var token = cache.Protect(Ticket("clerk.kjj", TimeSpan.FromHours(8)));

        var first = cache.Unprotect(token)!;
        first.Principal.Identities.Single().AddClaim(new Claim("added-by-a-request", "yes"));
        var second = cache.Unprotect(token)!;
        var third = cache.Unprotect(token)!;

        Assert.Equal(1, real.Unprotects);
        Assert.Equal(1, cache.Unprotected);
        Assert.All(
            [second, third],
            t =>
            {
                Assert.Equal("clerk.kjj", t.Principal.Identity!.Name);
                Assert.True(t.Principal.IsInRole("clerk"));
                Assert.Equal(first.Properties.ExpiresUtc, t.Properties.ExpiresUtc);
                Assert.Null(t.Principal.FindFirst("added-by-a-request"));
            }
        );
        Assert.NotSame(second.Principal, third.Principal);
    }

    [Fact]
    public void A_tampered_token_is_refused_each_time_and_never_kept()
    {
        var real = RealProtector();
        using var cache = new BearerTicketCache(real, _time);
        var token = cache.Protect(Ticket("clerk.kjj", TimeSpan.FromHours(8)));
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect("not a token"));
        Assert.Equal(3, real.Unprotects);
    }

    [Fact]
    public void A_kept_ticket_goes_when_it_expires_or_after_the_cache_lifetime()
    {
        var real = RealProtector();
        using var cache = new BearerTicketCache(real, _time);
        var shortLived = cache.Protect(Ticket("clerk.kjj", TimeSpan.FromMinutes(1)));
        var longLived = cache.Protect(Ticket("chief.kjj", TimeSpan.FromHours(8)));
        cache.Unprotect(shortLived);
        cache.Unprotect(longLived);

        _time.Advance(TimeSpan.FromMinutes(2));
        var again = cache.Unprotect(shortLived)!;
        cache.Unprotect(longLived);
        Assert.Equal(3, real.Unprotects); // the short-lived one was unprotected again; the long-lived one was kept
        Assert.True(again.Properties.ExpiresUtc < _time.GetUtcNow()); // and the bearer handler refuses it as expired

        _time.Advance(BearerTicketCache.Lifetime);
        cache.Unprotect(longLived);
        Assert.Equal(4, real.Unprotects);
    }

    [Fact]
    public async Task The_servers_bearer_scheme_answers_repeated_requests_from_the_cache_and_refuses_a_tampered_token()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var protector = host
            .Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>()
            .Get(IdentityConstants.BearerScheme)
            .BearerTokenProtector;
        Assert.IsType<BearerTicketCache>(protector);

        using var anonymous = host.Anonymous();
        var login = await (
            await anonymous.PostAsJsonAsync(
                "/api/auth/login",
                new { userName = "clerk.kjj", password = "demo" }
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var token = (string)login!["accessToken"]!;
        using var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var forged = host.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA")
        );

        for (var i = 0; i < 3; i++)
        {
            var me = await client.GetFromJsonAsync<JsonObject>("/api/auth/me");
            Assert.Equal("clerk.kjj", (string?)me!["userName"]);
            Assert.Equal(
                HttpStatusCode.Unauthorized,
                (await forged.GetAsync("/api/auth/me")).StatusCode
            );
        }
        // The token is kept: unprotecting it again is answered without the key ring's work.
        var before = ((BearerTicketCache)protector).Unprotected;
        Assert.NotNull(protector.Unprotect(token));
        Assert.Equal(before, ((BearerTicketCache)protector).Unprotected);
    }
}
