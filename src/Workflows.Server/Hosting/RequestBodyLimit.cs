using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Workflows.Server.Hosting;

/// <summary>
/// Enforces <see cref="WorkflowsOptions.MaxRequestBodyBytes"/> on every server, not only Kestrel: a declared length
/// beyond the limit is a 413 before anything reads the body, and the server's own limit feature (Kestrel) is set for
/// chunked bodies. Registered as a startup filter so it runs outermost.
/// </summary>
public sealed class RequestBodyLimit(IOptions<WorkflowsOptions> options) : IStartupFilter
{
    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            var max = options.Value.MaxRequestBodyBytes;
            app.Use(
                async (http, nextMiddleware) =>
                {
                    if (
                        http.Features.Get<IHttpMaxRequestBodySizeFeature>() is
                        { IsReadOnly: false } feature
                    )
                        feature.MaxRequestBodySize = max;
                    if (http.Request.ContentLength > max)
                    {
                        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                        await http
                            .RequestServices.GetRequiredService<IProblemDetailsService>()
                            .WriteAsync(
                                new ProblemDetailsContext
                                {
                                    HttpContext = http,
                                    ProblemDetails = new ProblemDetails
                                    {
                                        Status = StatusCodes.Status413PayloadTooLarge,
                                        Title = "Payload too large",
                                        Detail =
                                            $"The request body is larger than the server accepts ({max} bytes).",
                                    },
                                }
                            );
                        return;
                    }
                    await nextMiddleware(http);
                }
            );
            next(app);
        };
}
