// A notification to a user through one channel (in-app, email, webhook), deduplicated by key.
namespace Workflows.Data.Entities;

/// <summary>One notification delivery.</summary>
public class NotificationEntity
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>Recipient user name (or the webhook name).</summary>
    public string Recipient { get; set; } = "";

    /// <summary><c>inapp</c>, <c>email</c> or <c>webhook</c>.</summary>
    public string Channel { get; set; } = "inapp";

    /// <summary>What it is about, e.g. <c>sla.yellow</c>, <c>sla.red</c>, <c>supplement.notice</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Subject (Chinese / English).</summary>
    public string Subject { get; set; } = "";

    /// <summary>Body text (bilingual).</summary>
    public string Body { get; set; } = "";

    /// <summary>The case, if any.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>The task, if any.</summary>
    public string? TaskId { get; set; }

    /// <summary>Unique key so that a repeated job does not notify twice.</summary>
    public string DedupKey { get; set; } = "";

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When read (in-app).</summary>
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>When delivered (email, webhook).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary><c>pending</c>, <c>delivered</c>, <c>failed</c> or <c>dead</c>.</summary>
    public string Status { get; set; } = "pending";

    /// <summary>Delivery attempts.</summary>
    public int Attempts { get; set; }

    /// <summary>Last delivery error.</summary>
    public string? LastError { get; set; }
}
