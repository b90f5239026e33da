// Settings of the notification channels (section "Notifications").
namespace Workflows.Server.Application.Notifications;

/// <summary>Notification channels: in-app always; email when an SMTP host is set; one webhook per entry.</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>SMTP server for email; email is off while <see cref="SmtpOptions.Host"/> is empty.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Webhooks that receive every notification as a signed JSON POST.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>Delivery attempts of an email or webhook row before it is dead-lettered (status <c>dead</c>).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry delay; each further retry doubles it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>SMTP settings.</summary>
public sealed class SmtpOptions
{
    /// <summary>Server host; empty turns email off.</summary>
    public string? Host { get; set; }

    /// <summary>Server port.</summary>
    public int Port { get; set; } = 25;

    /// <summary>Sender address.</summary>
    public string From { get; set; } = "workflows@example.gov.cn";

    /// <summary>User name, when the server needs authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>TLS (implicit or STARTTLS, as the server offers); off sends in clear text (a local relay).</summary>
    public bool EnableSsl { get; set; }
}

/// <summary>One webhook.</summary>
public sealed class WebhookOptions
{
    /// <summary>Name (stored as the notification's recipient).</summary>
    public string Name { get; set; } = "";

    /// <summary>Target URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key of the <c>X-Workflows-Signature</c> header.</summary>
    public string Secret { get; set; } = "";
}
