// Which roles may open which page: one table read by the navigation (links a user can follow) and by the page filter (403 otherwise).
using System.Security.Claims;
using Workflows.Server.Auth;

namespace Workflows.Server.Pages;

/// <summary>The role rules of the UI's pages; admins may open every page.</summary>
public static class PageAccess
{
    /// <summary>A page (or folder of pages) with the roles that may open it.</summary>
    /// <param name="Url">The URL prefix of the page(s), as linked in the navigation.</param>
    /// <param name="ViewPrefix">The Razor view path prefix of the page(s) (<c>/Work</c> covers <c>/Work/Index</c> and <c>/Work/Task</c>).</param>
    /// <param name="Label">The ui.json key of the navigation label, or null for a page that has no navigation link.</param>
    /// <param name="Roles">The roles allowed besides admin.</param>
    public sealed record Rule(
        string Url,
        string ViewPrefix,
        string? Label,
        IReadOnlyList<string> Roles
    );

    /// <summary>The rules, in navigation order.</summary>
    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("/portal", "/Portal", "nav.portal", [Roles.Applicant]),
        new("/work", "/Work", "nav.work", [Roles.Clerk, Roles.Chief]),
        new(
            "/dashboard",
            "/Dashboard",
            "nav.dashboard",
            [Roles.Manager, Roles.Supervisor, Roles.Chief]
        ),
        new("/designer", "/Designer", "nav.designer", [Roles.Designer]),
        new("/forms", "/Forms", "nav.forms", [Roles.Designer]),
        // A case's history and diagram: staff only (applicants follow their cases on the portal); the API scopes which cases.
        new(
            "/instances",
            "/Instance",
            null,
            [Roles.Clerk, Roles.Chief, Roles.Manager, Roles.Supervisor, Roles.Designer]
        ),
        new("/api/reference", "/api/reference", "nav.api", [Roles.Designer]),
        // Hangfire's own filter (HangfireAdminFilter) guards the jobs dashboard; the link is for admins only.
        new("/hangfire", "/hangfire", "nav.jobs", []),
    ];

    /// <summary>True when <paramref name="user"/> may open a page governed by <paramref name="rule"/>.</summary>
    public static bool Allows(ClaimsPrincipal user, Rule rule) =>
        user.Identity?.IsAuthenticated == true
        && (user.IsInRole(Roles.Admin) || rule.Roles.Any(user.IsInRole));

    /// <summary>True when <paramref name="user"/> may open the page at <paramref name="url"/> (a URL no rule governs is open to everyone).</summary>
    public static bool Allows(ClaimsPrincipal user, string url) =>
        Rules.FirstOrDefault(r => url.StartsWith(r.Url, StringComparison.OrdinalIgnoreCase))
            is not { } rule
        || Allows(user, rule);

    /// <summary>The rule governing a Razor page by its view path (<c>/Work/Task</c>), or null for a page open to every signed-in user.</summary>
    public static Rule? ForView(string viewEnginePath) =>
        Rules.FirstOrDefault(r =>
            viewEnginePath.Equals(r.ViewPrefix, StringComparison.OrdinalIgnoreCase)
            || viewEnginePath.StartsWith(r.ViewPrefix + "/", StringComparison.OrdinalIgnoreCase)
        );

    /// <summary>The navigation links <paramref name="user"/> may follow.</summary>
    public static IEnumerable<Rule> Links(ClaimsPrincipal user) =>
        Rules.Where(r => r.Label is not null && Allows(user, r));
}
