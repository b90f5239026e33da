using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Server.Api;

/// <summary>ProblemDetails answers used across the API, so every error has the same shape.</summary>
public static class Problems
{
    /// <summary>404 with a message.</summary>
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: 404);

    /// <summary>409 with a message and the current state of the target.</summary>
    public static ProblemHttpResult Conflict(string detail, string? currentStatus = null) =>
        TypedResults.Problem(
            title: "Conflict",
            detail: detail,
            statusCode: 409,
            extensions: currentStatus is null
                ? null
                : new Dictionary<string, object?> { ["currentStatus"] = currentStatus }
        );

    /// <summary>400 naming the offending field in <c>errors</c> (the ValidationProblem shape).</summary>
    public static ProblemHttpResult BadRequest(string detail, string field) =>
        TypedResults.Problem(
            title: "One or more fields are invalid.",
            detail: detail,
            statusCode: 400,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [field] = [detail] },
            }
        );
}
