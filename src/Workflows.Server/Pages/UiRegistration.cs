// Wiring of the browser UI: Razor pages, static files from wwwroot, zh-CN/en localization by the .AspNetCore.Culture cookie.
using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Workflows.Server.Pages;

/// <summary>Adds and maps the Razor pages of the UI.</summary>
public static class UiRegistration
{
    /// <summary>The UI cultures; the first is the default.</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>Adds Razor pages (anonymous at the endpoint; <see cref="LoginRedirectFilter"/> sends strangers to the login page) and the UI texts.</summary>
    public static IServiceCollection AddWorkflowsUi(this IServiceCollection services)
    {
        services
            .AddRazorPages(o => o.Conventions.AllowAnonymousToFolder("/"))
            .AddMvcOptions(o => o.Filters.Add(new LoginRedirectFilter()));
        services.AddSingleton<UiText>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Request localization and static files (before authentication, so assets never need a login).</summary>
    public static IApplicationBuilder UseWorkflowsUi(this IApplicationBuilder app) =>
        app.UseRequestLocalization().UseStaticFiles();

    /// <summary>Maps the pages and the culture switch.</summary>
    public static IEndpointRouteBuilder MapWorkflowsUi(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        app.MapGet(
                "/culture/{culture}",
                (string culture, string? returnUrl, HttpContext http) =>
                {
                    var chosen = Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase)
                        ? Cultures.First(c => c.Equals(culture, StringComparison.OrdinalIgnoreCase))
                        : Cultures[0];
                    http.Response.Cookies.Append(
                        CookieRequestCultureProvider.DefaultCookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                        new CookieOptions
                        {
                            Expires = DateTimeOffset.UtcNow.AddYears(1),
                            IsEssential = true,
                            SameSite = SameSiteMode.Lax,
                            HttpOnly = false,
                        }
                    );
                    return Results.LocalRedirect(
                        returnUrl is { Length: > 0 } r
                        && r.StartsWith('/')
                        && !r.StartsWith("//", StringComparison.Ordinal)
                            ? r
                            : "/"
                    );
                }
            )
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
