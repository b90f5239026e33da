// A logout ends its session: the cookie and the bearer token of that login get 401 from then on, replayed or not, on this
// node at once and on another node within RevokedSessions.Interval; the account's other sessions go on unless the logout
// says everywhere=true.
using System.Net;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;
using Workflows.Server.Tests.Catalog;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

public sealed class LogoutSpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    private const string Password = "A-long-password-1";

    private static readonly HttpStatusCode[] Both200 = [HttpStatusCode.OK, HttpStatusCode.OK];
    private static readonly HttpStatusCode[] Both401 =
    [
        HttpStatusCode.Unauthorized,
        HttpStatusCode.Unauthorized,
    ];

    private static async Task<string> NewClerkAsync(ServerHost host) =>
        await SignIn.NewClerkAsync(await host.As("admin"), Password);

    [Fact]
    public async Task A_logout_by_token_ends_that_logins_token_and_cookie_and_no_other_session()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var name = await NewClerkAsync(host);
        var first = await SignIn.AsAsync(host, name, Password);
        var second = await SignIn.AsAsync(host, name, Password);
        Assert.Equal(Both200, await first.MeAsync());

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await first.Bearer.PostAsync("/api/auth/logout", null)).StatusCode
        );

        Assert.Equal(Both401, await first.MeAsync());
        Assert.Equal(Both200, await second.MeAsync());
        // Refused for writes too, not only for /me.
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await first.Bearer.PostAsync("/api/auth/logout", null)).StatusCode
        );
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var row = await db.RevokedSessions.AsNoTracking().SingleAsync(r => r.UserName == name);
        Assert.Equal(TimeSpan.FromHours(8), row.ExpiresAt - row.RevokedAt);
        // Both sign-ins and the logout are in the audit trail, the logout naming the session it ended.
        var audit = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.Actor == name)
            .OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.DataJson })
            .ToListAsync();
        Assert.Equal(["login.succeeded", "login.succeeded", "logout"], audit.Select(a => a.Action));
        var sessions = audit.Select(a => (string?)JsonNode.Parse(a.DataJson!)!["session"]).ToList();
        Assert.Equal(row.SessionId, sessions[2]);
        Assert.Equal(sessions[0], sessions[2]);
        Assert.NotEqual(sessions[0], sessions[1]);
    }

    [Fact]
    public async Task A_logout_by_cookie_ends_the_token_of_the_same_login_and_a_replayed_cookie()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var name = await NewClerkAsync(host);
        var session = await SignIn.AsAsync(host, name, Password);

        // As the page's script sends it (the cross-site check wants the header on cookie requests).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout")
        {
            Headers = { { "X-Requested-With", "fetch" } },
        };
        var logout = await session.Cookie.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        // The answer clears the browser's cookie; a copy of the old one is refused all the same.
        Assert.Contains(
            logout.Headers.GetValues("Set-Cookie"),
            c => c.StartsWith("workflows.auth=;", StringComparison.Ordinal)
        );

        Assert.Equal(Both401, await session.MeAsync());
        Assert.Equal(Both200, await (await SignIn.AsAsync(host, name, Password)).MeAsync());
    }

    [Fact]
    public async Task A_logout_everywhere_ends_every_session_of_the_account_only()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var name = await NewClerkAsync(host);
        var phone = await SignIn.AsAsync(host, name, Password);
        var desk = await SignIn.AsAsync(host, name, Password);
        var admin = await host.As("admin");

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await phone.Bearer.PostAsync("/api/auth/logout?everywhere=true", null)).StatusCode
        );

        Assert.Equal(Both401, await phone.MeAsync());
        Assert.Equal(Both401, await desk.MeAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(Both200, await (await SignIn.AsAsync(host, name, Password)).MeAsync());
    }

    [Fact]
    public async Task A_token_or_cookie_without_a_session_id_is_refused_because_no_logout_could_end_it()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var name = await NewClerkAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByNameAsync(name);
        // What a sign-in of a server before sessions carried (its sliding cookie could be renewed for ever), and the same
        // principal as a sign-in now issues it.
        var legacy = await signIn.CreateUserPrincipalAsync(user!);
        var current = await signIn.CreateUserPrincipalAsync(user!);
        SessionClaims.Begin((ClaimsIdentity)current.Identity!);

        Assert.Equal(Both401, await SignIn.Issued(host, legacy).MeAsync());
        Assert.Equal(Both200, await SignIn.Issued(host, current).MeAsync());
        // A login gives the account a session it can end.
        var login = await SignIn.AsAsync(host, name, Password);
        Assert.Equal(Both200, await login.MeAsync());
    }

    [Fact]
    public async Task A_session_ended_on_another_node_is_refused_within_the_interval_and_its_row_goes_after_expiry()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var time = new ManualTime();
        RevokedSessions Node() =>
            new(
                host.Services.GetRequiredService<IServiceScopeFactory>(),
                time,
                host.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>(),
                host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            );
        using var here = Node();
        using var there = Node();
        static ClaimsPrincipal Session(string user)
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "test");
            SessionClaims.Begin(identity);
            return new ClaimsPrincipal(identity);
        }
        var ended = Session("clerk.elsewhere");
        var other = Session("clerk.elsewhere");
        Assert.False(await here.IsRevokedAsync(ended, default));

        Assert.True(await there.RevokeAsync(ended, false, default));
        Assert.True(await there.IsRevokedAsync(ended, default));
        // This node trusts what it read until the interval is over; the other session is not touched.
        Assert.False(await here.IsRevokedAsync(ended, default));
        time.Advance(RevokedSessions.Interval);
        Assert.True(await here.IsRevokedAsync(ended, default));
        Assert.False(await here.IsRevokedAsync(other, default));

        // A principal without a session id (issued before sessions) has no session to end: SessionCheck refuses it instead.
        var legacy = new ClaimsPrincipal(
            new ClaimsIdentity([new Claim(ClaimTypes.Name, "clerk.legacy")], "test")
        );
        Assert.False(await there.RevokeAsync(legacy, false, default));
        Assert.False(await here.IsRevokedAsync(legacy, default));

        // Once its cookie and token would have expired anyway, the next logout removes the row.
        var endedId = ended.FindFirstValue(SessionClaims.SessionId);
        async Task<bool> RowExists()
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope
                .ServiceProvider.GetRequiredService<WorkflowsDbContext>()
                .RevokedSessions.AnyAsync(r => r.SessionId == endedId);
        }
        Assert.True(await RowExists());
        // Ended a second time (by a node that had not yet seen the first): still one row, one audit event.
        Assert.True(await here.RevokeAsync(ended, false, default));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            Assert.Equal(1, await db.RevokedSessions.CountAsync(r => r.SessionId == endedId));
            Assert.Equal(
                1,
                await db.AuditEvents.CountAsync(a =>
                    a.Action == "logout" && a.DataJson!.Contains(endedId!)
                )
            );
        }
        time.Advance(there.Lifetime - RevokedSessions.Interval);
        Assert.True(await there.RevokeAsync(Session("clerk.later"), false, default));
        Assert.True(await RowExists());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await there.RevokeAsync(Session("clerk.later"), false, default));
        Assert.False(await RowExists());
    }
}
