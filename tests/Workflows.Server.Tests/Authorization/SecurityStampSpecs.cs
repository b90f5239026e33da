// An administrator's lock or password reset ends the account's existing sign-ins: the old bearer token and the old
// cookie get 401 from then on, on this node at once and on another node within SecurityStamps.Interval.
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workflows.Data.Entities;
using Workflows.Server.Auth;
using Workflows.Server.Tests.Catalog;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

public sealed class SecurityStampSpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    [Fact]
    public async Task A_lock_ends_the_accounts_bearer_tokens_and_cookies_and_an_unlock_does_not_revive_them()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var admin = await host.As("admin");
        var name = await SignIn.NewClerkAsync(admin, "A-long-password-1");
        var before = await SignIn.AsAsync(host, name, "A-long-password-1");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await before.MeAsync());

        await ApiCalls.Expect(
            await admin.PostAsJsonAsync($"/api/admin/users/{name}/lock", new { }),
            HttpStatusCode.OK
        );
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            await before.MeAsync()
        );

        await ApiCalls.Expect(
            await admin.PostAsJsonAsync($"/api/admin/users/{name}/unlock", new { }),
            HttpStatusCode.OK
        );
        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            await before.MeAsync()
        );
        var after = await SignIn.AsAsync(host, name, "A-long-password-1");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await after.MeAsync());
        // Other accounts are untouched.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_accounts_earlier_sign_ins()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var admin = await host.As("admin");
        var name = await SignIn.NewClerkAsync(admin, "A-long-password-1");
        var before = await SignIn.AsAsync(host, name, "A-long-password-1");

        await ApiCalls.Expect(
            await admin.PostAsJsonAsync(
                $"/api/admin/users/{name}/password",
                new { password = "Another-long-password-2" }
            ),
            HttpStatusCode.NoContent
        );

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            await before.MeAsync()
        );
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK],
            await (await SignIn.AsAsync(host, name, "Another-long-password-2")).MeAsync()
        );
    }

    [Fact]
    public async Task A_stamp_changed_by_another_node_is_seen_within_the_interval()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var admin = await host.As("admin");
        var name = await SignIn.NewClerkAsync(admin, "A-long-password-1");
        var time = new ManualTime();
        using var stamps = new SecurityStamps(
            host.Services.GetRequiredService<IServiceScopeFactory>(),
            time,
            host.Services.GetRequiredService<IOptions<IdentityOptions>>()
        );
        ClaimsPrincipal principal;
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            principal = await scope
                .ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>()
                .CreateAsync((await users.FindByNameAsync(name))!);
        }
        Assert.True(await stamps.IsCurrentAsync(principal, default));

        // Another node changes the stamp: this node trusts what it read until the interval is over.
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByNameAsync(name))!);
        }
        Assert.True(await stamps.IsCurrentAsync(principal, default));
        time.Advance(SecurityStamps.Interval);
        Assert.False(await stamps.IsCurrentAsync(principal, default));

        // A principal without a stamp (an external sign-in) is not checked.
        Assert.True(
            await stamps.IsCurrentAsync(
                new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "oidc")),
                default
            )
        );
    }
}
