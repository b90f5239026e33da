// Response headers every answer carries (pages, API, static files, even 401 and 413), registered as a startup filter so
// it wraps the whole pipeline.
using Microsoft.Extensions.Options;

namespace Workflows.Server.Hosting;

/// <summary>Adds nosniff, frame denial, referrer policy and, on HTML, a Content-Security-Policy.</summary>
public sealed class SecurityHeaders(IOptions<SecurityOptions> options) : IStartupFilter
{
    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            var csp = options.Value.ContentSecurityPolicy;
            app.Use(
                (http, nextMiddleware) =>
                {
                    var response = http.Response;
                    response.OnStarting(() =>
                    {
                        var headers = response.Headers;
                        headers.XContentTypeOptions = "nosniff";
                        headers.XFrameOptions = "DENY";
                        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                        // Only HTML executes scripts; the API reference (Scalar) brings its own script from a CDN, so it keeps its defaults.
                        if (
                            response.ContentType?.StartsWith(
                                "text/html",
                                StringComparison.OrdinalIgnoreCase
                            ) == true
                            && !http.Request.Path.StartsWithSegments("/api/reference")
                            && !http.Request.Path.StartsWithSegments("/hangfire")
                        )
                            headers.ContentSecurityPolicy = csp;
                        return Task.CompletedTask;
                    });
                    return nextMiddleware(http);
                }
            );
            next(app);
        };
}
