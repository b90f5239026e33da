// The admin API and the login lockout, through the HTTP pipeline; every change leaves an audit event.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Application;
using Workflows.Server.Auth;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>User administration on a SQLite host.</summary>
public sealed class AdminSpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    private Task<ServerHost> HostAsync() => fixture.SharedAsync(new HostOptions());

    private static Task<HttpResponseMessage> LoginAsync(
        ServerHost host,
        string userName,
        string password
    ) => host.Anonymous().PostAsJsonAsync("/api/auth/login", new { userName, password });

    [Fact]
    public async Task An_admin_creates_a_clerk_who_logs_in_with_the_groups_given_and_can_be_locked_and_unlocked()
    {
        var host = await HostAsync();
        var admin = await host.As("admin");
        var name = $"clerk.new{Guid.NewGuid():N}"[..16];

        var weak = await admin.PostAsJsonAsync(
            "/api/admin/users",
            new
            {
                userName = name,
                password = "short1",
                roles = new[] { "clerk" },
            }
        );
        var badRole = await admin.PostAsJsonAsync(
            "/api/admin/users",
            new
            {
                userName = name,
                password = "A-long-password-1",
                roles = new[] { "emperor" },
            }
        );
        var created = await admin.PostAsJsonAsync(
            "/api/admin/users",
            new
            {
                userName = name,
                password = "A-long-password-1",
                displayName = "新办事员",
                bureau = "kjj",
                roles = new[] { "clerk" },
                groups = new[] { Processes.KjjReviewers },
            }
        );
        var login = await (await LoginAsync(host, name, "A-long-password-1")).OkJsonAsync();
        await Infrastructure.ApiCalls.Expect(
            await admin.PostAsJsonAsync(
                $"/api/admin/users/{name}/groups",
                new { groupId = TaskProcesses.CrjReviewers }
            ),
            HttpStatusCode.OK
        );
        var removed = await (
            await admin.DeleteAsync($"/api/admin/users/{name}/groups/{Processes.KjjReviewers}")
        ).OkJsonAsync();
        var locked = await (
            await admin.PostAsJsonAsync($"/api/admin/users/{name}/lock", new { })
        ).OkJsonAsync();
        var whileLocked = await LoginAsync(host, name, "A-long-password-1");
        await Infrastructure.ApiCalls.Expect(
            await admin.PostAsJsonAsync($"/api/admin/users/{name}/unlock", new { }),
            HttpStatusCode.OK
        );
        await Infrastructure.ApiCalls.Expect(
            await admin.PostAsJsonAsync(
                $"/api/admin/users/{name}/password",
                new { password = "Another-long-password-2" }
            ),
            HttpStatusCode.NoContent
        );
        var afterReset = await LoginAsync(host, name, "Another-long-password-2");
        var updated = await (
            await admin.PutAsJsonAsync(
                $"/api/admin/users/{name}",
                new { roles = new[] { "clerk", "chief" } }
            )
        ).OkJsonAsync();

        Assert.NotNull((await weak.JsonAsync())["errors"]!["password"]);
        Assert.NotNull((await badRole.JsonAsync())["errors"]!["roles"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([Processes.KjjReviewers], login["groups"]!.AsArray().Select(g => (string?)g));
        Assert.Equal(
            [TaskProcesses.CrjReviewers],
            removed["groups"]!.AsArray().Select(g => (string?)g)
        );
        Assert.True((bool)locked["lockedOut"]!);
        Assert.Equal((HttpStatusCode)423, whileLocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal(["chief", "clerk"], updated["roles"]!.AsArray().Select(r => (string?)r));
        var actions = await host.QueryAsync(db =>
            db.AuditEvents.Where(a => a.Actor == "admin" && a.DataJson!.Contains(name))
                .Select(a => a.Action)
                .ToListAsync()
        );
        Assert.Equal(
            [
                "admin.user.created",
                "admin.user.group-added",
                "admin.user.group-removed",
                "admin.user.locked",
                "admin.user.password-reset",
                "admin.user.unlocked",
                "admin.user.updated",
            ],
            actions.Order()
        );
        Assert.Contains(
            name,
            (await admin.GetArrayAsync("/api/admin/users")).Select(u => (string?)u!["userName"])
        );
        Assert.Contains(
            TaskProcesses.CrjReviewers,
            (await admin.GetArrayAsync("/api/admin/groups")).Select(g => (string?)g!["id"])
        );
    }

    [Fact]
    public async Task Demo_accounts_are_seeded_with_the_directory_roles_and_groups_sign_in_and_a_second_seed_adds_nothing()
    {
        var host = await HostAsync();
        var directory = host.Services.GetRequiredService<DirectoryCatalog>();
        var clerk = directory.Users.Single(u => u.UserName == "clerk.kjj");

        var login = await (
            await LoginAsync(host, "clerk.kjj", DemoSeeder.DemoPassword)
        ).OkJsonAsync();
        var me = await (await host.As("clerk.kjj")).GetFromJsonAsync<JsonObject>("/api/auth/me");
        var before = await host.QueryAsync(db => db.Users.CountAsync());
        using (var scope = host.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(CancellationToken.None);
        var seeded = await host.QueryAsync(async db =>
            await db
                .Users.Where(u => u.UserName == "clerk.kjj")
                .Select(u => new
                {
                    u.NormalizedUserName,
                    u.NormalizedEmail,
                    u.SecurityStamp,
                    u.ConcurrencyStamp,
                    u.BureauCode,
                })
                .SingleAsync()
        );

        Assert.Equal(clerk.Groups, login["groups"]!.AsArray().Select(g => (string?)g));
        Assert.Equal(clerk.Roles, me!["roles"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("CLERK.KJJ", seeded.NormalizedUserName);
        Assert.Equal("CLERK.KJJ@EXAMPLE.GOV.CN", seeded.NormalizedEmail);
        Assert.False(string.IsNullOrEmpty(seeded.SecurityStamp));
        Assert.False(string.IsNullOrEmpty(seeded.ConcurrencyStamp));
        Assert.Equal(clerk.Bureau, seeded.BureauCode);
        Assert.True(before >= directory.Users.Count);
        Assert.Equal(before, await host.QueryAsync(db => db.Users.CountAsync()));
        Assert.Equal(
            directory.Users.Count,
            await host.QueryAsync(db =>
                db.Users.CountAsync(u =>
                    directory.Users.Select(d => d.UserName).Contains(u.UserName!)
                )
            )
        );
    }

    [Fact]
    public async Task Five_failed_logins_lock_the_account_and_every_failure_is_audited()
    {
        var host = await HostAsync();
        var admin = await host.As("admin");
        var name = $"lock.me{Guid.NewGuid():N}"[..15];
        await Infrastructure.ApiCalls.Expect(
            await admin.PostAsJsonAsync(
                "/api/admin/users",
                new
                {
                    userName = name,
                    password = "The-right-password-3",
                    roles = new[] { "clerk" },
                }
            ),
            HttpStatusCode.Created
        );

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            failures.Add((await LoginAsync(host, name, "wrong-password")).StatusCode);
        var rightButLocked = await LoginAsync(host, name, "The-right-password-3");

        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), (HttpStatusCode)423],
            failures
        );
        Assert.Equal((HttpStatusCode)423, rightButLocked.StatusCode);
        var audited = await host.QueryAsync(db =>
            db.AuditEvents.Where(a => a.Actor == name).Select(a => a.Action).ToListAsync()
        );
        Assert.Equal(4, audited.Count(a => a == "login.failed"));
        Assert.Equal(2, audited.Count(a => a == "login.locked-out"));
    }

    [Theory]
    [InlineData("clerk.kjj")]
    [InlineData("chief.kjj")]
    [InlineData("manager")]
    [InlineData("supervisor")]
    [InlineData("designer")]
    [InlineData("applicant.demo")]
    public async Task Only_admins_reach_the_admin_api(string user)
    {
        var client = await (await HostAsync()).As(user);

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await client.GetAsync("/api/admin/users")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/admin/users/clerk.kjj/lock", new { })).StatusCode
        );
    }
}
