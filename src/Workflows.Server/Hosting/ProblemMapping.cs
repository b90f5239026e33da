using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Server.Api;
using Workflows.Server.Application;

namespace Workflows.Server.Hosting;

/// <summary>Maps exceptions to ProblemDetails: 400 naming the field, 403, 404, 409 with the current state, 413; anything else is a 500 without internals.</summary>
public static class ProblemMapping
{
    /// <summary>The exception handler.</summary>
    public static async Task WriteAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = error switch
        {
            BadFieldException bad => Problem(
                400,
                "One or more fields are invalid.",
                bad.Message,
                ("errors", new Dictionary<string, string[]> { [bad.Field] = [bad.Message] })
            ),
            NotFoundException nf => Problem(404, "Not found", nf.Message),
            ConflictException c => Problem(
                409,
                "Conflict",
                c.Message,
                ("currentStatus", c.CurrentStatus)
            ),
            ForbiddenException f => Problem(403, "Forbidden", f.Message),
            BadHttpRequestException { StatusCode: 413 } => Problem(
                413,
                "Payload too large",
                "The request body is larger than the server accepts."
            ),
            BadHttpRequestException b => Problem(b.StatusCode, "Bad request", b.Message),
            _ => Problem(
                500,
                "Internal server error",
                "An unexpected error occurred; it has been logged."
            ),
        };
        http.Response.StatusCode = problem.Status ?? 500;
        await http
            .RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = problem,
                    Exception = error,
                }
            );
    }

    private static ProblemDetails Problem(
        int status,
        string title,
        string detail,
        params (string Key, object? Value)[] extensions
    )
    {
        var p = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
        };
        foreach (var (k, v) in extensions)
            if (v is not null)
                p.Extensions[k] = v;
        return p;
    }
}
