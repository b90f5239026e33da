// An instance waiting for a message: correlation finds it by (MessageName, CorrelationKey).
namespace Workflows.Data.Entities;

/// <summary>One message wait of an instance.</summary>
public class MessageSubscriptionEntity
{
    /// <summary>Subscription id (max 80 chars).</summary>
    public string Id { get; set; } = "";

    /// <summary>Waiting instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>BPMN element id that waits.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>Message name.</summary>
    public string MessageName { get; set; } = "";

    /// <summary>Correlation key, if the message is correlated.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
