// The UI pages answer by role: a page the user's roles do not open is 403 (not an empty shell), and the navigation
// offers exactly the pages the user may open.
using System.Net;
using System.Text.RegularExpressions;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>Every demo role × every role-bound page, through the real pipeline on a SQLite host.</summary>
public sealed partial class PageAccessSpecs(TaskSqliteFixture fixture)
    : IClassFixture<TaskSqliteFixture>
{
    /// <summary>One demo user of each role.</summary>
    public static readonly string[] Users =
    [
        "applicant.demo",
        "clerk.kjj",
        "chief.kjj",
        "manager",
        "supervisor",
        "designer",
        "admin",
    ];

    /// <summary>The role-bound pages.</summary>
    public static readonly string[] PagePaths =
    [
        "/portal",
        "/portal/case/00000000-0000-0000-0000-000000000001",
        "/work",
        "/work/task/none",
        "/dashboard",
        "/designer",
        "/forms",
        "/instances/00000000-0000-0000-0000-000000000001",
        "/hangfire",
    ];

    /// <summary>Every cell.</summary>
    public static IEnumerable<object[]> Cells() =>
        from user in Users
        from path in PagePaths
        select new object[] { user, path };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_opens_only_its_own_pages(string user, string path)
    {
        var host = await fixture.SharedAsync(new HostOptions());
        using var client = await host.As(user);

        var response = await client.GetAsync(path);

        var expected = Opens(user, path) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        Assert.True(
            response.StatusCode == expected,
            $"{user} GET {path}: expected {(int)expected}, got {(int)response.StatusCode}"
        );
    }

    [Theory]
    [MemberData(nameof(UserRows))]
    public async Task The_navigation_links_exactly_the_pages_the_user_may_open(string user)
    {
        var host = await fixture.SharedAsync(new HostOptions());
        using var client = await host.As(user);

        var html = await client.GetStringAsync("/");

        var nav = html[
            html.IndexOf("<nav", StringComparison.Ordinal)..html.IndexOf(
                "</nav>",
                StringComparison.Ordinal
            )
        ];
        var links = Href()
            .Matches(nav)
            .Select(m => m.Groups[1].Value)
            .Where(h => h != "/")
            .Order(StringComparer.Ordinal)
            .ToList();
        var expected = new[]
        {
            "/portal",
            "/work",
            "/dashboard",
            "/designer",
            "/forms",
            "/api/reference",
            "/hangfire",
        }
            .Where(p => Opens(user, p))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, links);
    }

    [Fact]
    public async Task A_stranger_asking_for_a_page_is_sent_to_the_login_page()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        using var anonymous = host.Anonymous();

        var response = await anonymous.GetAsync("/dashboard");

        Assert.Equal("/login", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("?returnUrl=%2Fdashboard", response.RequestMessage.RequestUri.Query);
    }

    /// <summary>The demo users as theory rows.</summary>
    public static IEnumerable<object[]> UserRows() => Users.Select(u => new object[] { u });

    /// <summary>The rule of the issue, written out independently of the server's table.</summary>
    private static bool Opens(string user, string path)
    {
        if (user == "admin")
            return true;
        var section = "/" + path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];
        if (path.StartsWith("/api/reference", StringComparison.Ordinal))
            section = "/api/reference";
        return (section, user) switch
        {
            ("/portal", "applicant.demo") => true,
            ("/work", "clerk.kjj" or "chief.kjj") => true,
            ("/dashboard", "manager" or "supervisor" or "chief.kjj") => true,
            ("/designer" or "/forms" or "/api/reference", "designer") => true,
            ("/instances", not "applicant.demo") => true,
            _ => false,
        };
    }

    [GeneratedRegex("<a href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
