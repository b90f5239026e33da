// Cross-site request forgery guard for the cookie-authenticated API. A bearer token is never sent by a browser on its
// own, so bearer requests are exempt; a cookie is, so a state-changing /api request riding on the cookie must prove it
// comes from our own pages: a custom header (a cross-site form cannot set one without a CORS preflight we never grant)
// or an Origin / Sec-Fetch-Site header naming this very origin (browsers set these and scripts cannot forge them).
using Microsoft.AspNetCore.Mvc;

namespace Workflows.Server.Hosting;

/// <summary>Rejects cookie-authenticated, state-changing API requests that do not prove a same-origin caller (403).</summary>
public static class SecurityCsrf
{
    /// <summary>The custom header that marks a script request (any value).</summary>
    public const string Header = "X-Requested-With";

    /// <summary>Adds the guard; must run after authentication.</summary>
    public static IApplicationBuilder UseWorkflowsCsrfGuard(this IApplicationBuilder app) =>
        app.Use(
            async (http, next) =>
            {
                if (NeedsProof(http) && !HasProof(http.Request))
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = http,
                                ProblemDetails = new ProblemDetails
                                {
                                    Status = StatusCodes.Status403Forbidden,
                                    Title = "Cross-site request refused",
                                    Detail =
                                        $"A cookie-authenticated {http.Request.Method} needs the {Header} header or a same-origin Origin header; API clients should use a bearer token.",
                                },
                            }
                        );
                    return;
                }
                await next(http);
            }
        );

    private static bool NeedsProof(HttpContext http)
    {
        var request = http.Request;
        if (
            HttpMethods.IsGet(request.Method)
            || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsTrace(request.Method)
        )
            return false;
        if (
            !request.Path.StartsWithSegments("/api")
            || request.Path.StartsWithSegments("/api/auth/login")
        )
            return false;
        if (
            request
                .Headers.Authorization.ToString()
                .StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        )
            return false;
        // Anonymous requests carry no ambient credential to abuse; authorization answers them with 401.
        return http.User.Identity?.IsAuthenticated == true;
    }

    private static bool HasProof(HttpRequest request)
    {
        if (!string.IsNullOrEmpty(request.Headers[Header]))
            return true;
        if (
            string.Equals(
                request.Headers["Sec-Fetch-Site"],
                "same-origin",
                StringComparison.OrdinalIgnoreCase
            )
        )
            return true;
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
