// Channel and status names of notification rows.
namespace Workflows.Server.Application.Notifications;

/// <summary>Values of <c>NotificationEntity.Channel</c> and <c>Status</c>.</summary>
public static class NotificationChannels
{
    /// <summary>Shown in the application.</summary>
    public const string InApp = "inapp";

    /// <summary>Sent by SMTP.</summary>
    public const string Email = "email";

    /// <summary>POSTed to a webhook.</summary>
    public const string Webhook = "webhook";

    /// <summary>Waiting for delivery.</summary>
    public const string Pending = "pending";

    /// <summary>Being delivered.</summary>
    public const string Sending = "sending";

    /// <summary>Delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>Failed; a retry is scheduled.</summary>
    public const string Failed = "failed";

    /// <summary>Gave up after the maximum attempts (dead letter).</summary>
    public const string Dead = "dead";
}
