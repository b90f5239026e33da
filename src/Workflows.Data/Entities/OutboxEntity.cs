// An effect saved in the same transaction as the state that caused it, dispatched afterwards.
namespace Workflows.Data.Entities;

/// <summary>One outbox message.</summary>
public class OutboxEntity
{
    /// <summary>Identity key (dispatch order).</summary>
    public long Id { get; set; }

    /// <summary>Instance that produced it, if any.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>Message type.</summary>
    public string Type { get; set; } = "";

    /// <summary>Payload as JSON.</summary>
    public string PayloadJson { get; set; } = "";

    /// <summary>Unique key (max 200 chars): inserting it twice fails, see ProviderErrors.IsUniqueViolation.</summary>
    public string IdempotencyKey { get; set; } = "";

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When dispatched (UTC); null while pending.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>Number of dispatch attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>Last dispatch error.</summary>
    public string? LastError { get; set; }

    /// <summary>Earliest next attempt after a failure (UTC).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
