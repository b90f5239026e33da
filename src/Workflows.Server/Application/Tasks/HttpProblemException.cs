// A failure with its own HTTP status (413 too large, 415 unsupported type, 422…), answered as ProblemDetails.
namespace Workflows.Server.Application.Tasks;

/// <summary>An error the task endpoints answer with <see cref="Status"/> (and <see cref="Field"/> in <c>errors</c> when set).</summary>
public sealed class HttpProblemException(
    int status,
    string title,
    string detail,
    string? field = null
) : Exception(detail)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The problem's title.</summary>
    public string Title { get; } = title;

    /// <summary>The offending request field, if any.</summary>
    public string? Field { get; } = field;
}
