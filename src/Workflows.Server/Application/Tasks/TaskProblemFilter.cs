// Turns the task feature's own exceptions into ProblemDetails, next to the host's general mapping.
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflows.Server.Application.Tasks;

/// <summary>Maps <see cref="FormValidationException"/> (400 with every failing field) and <see cref="HttpProblemException"/>.</summary>
public sealed class TaskProblemFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next
    )
    {
        try
        {
            return await next(context);
        }
        catch (FormValidationException ex)
        {
            return TypedResults.Problem(
                title: "One or more fields are invalid.",
                detail: ex.Message,
                statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errors"] = ex.Errors }
            );
        }
        catch (HttpProblemException ex)
        {
            return TypedResults.Problem(
                title: ex.Title,
                detail: ex.Message,
                statusCode: ex.Status,
                extensions: ex.Field is null
                    ? null
                    : new Dictionary<string, object?>
                    {
                        ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Message] },
                    }
            );
        }
    }
}
