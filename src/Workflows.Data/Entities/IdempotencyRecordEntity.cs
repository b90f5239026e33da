// The stored answer to a request carrying a request id, so a retried request gets the same answer and changes nothing.
namespace Workflows.Data.Entities;

/// <summary>One remembered request.</summary>
public class IdempotencyRecordEntity
{
    /// <summary><c>{actor}:{requestId}</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>The request's method and path, so a reused id on another request is refused.</summary>
    public string Request { get; set; } = "";

    /// <summary>The HTTP status of the first answer.</summary>
    public int StatusCode { get; set; }

    /// <summary>The first answer's JSON body.</summary>
    public string? ResponseJson { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
