// The notifier of the host: one row per recipient and channel in the caller's transaction; email/webhook delivered after commit.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Sla;

namespace Workflows.Server.Application.Notifications;

/// <summary>
/// Writes an in-app row (delivered at once) for each recipient, an email row when SMTP is configured, and one row per
/// configured webhook; email and webhook rows are handed to <see cref="Jobs.NotificationDeliveryJob"/> after commit,
/// so a failing channel never blocks the workflow.
/// </summary>
public sealed class CompositeNotifier(
    TimeProvider time,
    IOptionsMonitor<NotificationOptions> options,
    CommitHooks hooks
) : INotifier
{
    /// <inheritdoc />
    public async Task NotifyAsync(
        WorkflowsDbContext db,
        NotificationMessage message,
        CancellationToken ct = default
    )
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        var email = !string.IsNullOrWhiteSpace(settings.Smtp.Host);
        foreach (var recipient in message.Recipients.Distinct(StringComparer.Ordinal))
        {
            await AddAsync(db, message, recipient, NotificationChannels.InApp, now, ct);
            if (email)
                await AddAsync(db, message, recipient, NotificationChannels.Email, now, ct);
        }
        if (message.Recipients.Count > 0)
            foreach (var webhook in settings.Webhooks.Where(w => !string.IsNullOrWhiteSpace(w.Url)))
                await AddAsync(db, message, webhook.Name, NotificationChannels.Webhook, now, ct);
    }

    private async Task AddAsync(
        WorkflowsDbContext db,
        NotificationMessage message,
        string recipient,
        string channel,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var key = $"{message.DedupKey}:{recipient}:{channel}";
        if (
            db.Notifications.Local.Any(n => n.DedupKey == key)
            || await db.Notifications.AnyAsync(n => n.DedupKey == key, ct)
        )
            return;
        var inApp = channel == NotificationChannels.InApp;
        var row = new NotificationEntity
        {
            Recipient = recipient,
            Channel = channel,
            Kind = message.Kind,
            Subject = message.Subject,
            Body = message.Body,
            InstanceId = message.InstanceId,
            TaskId = message.TaskId,
            DedupKey = key,
            CreatedAt = now,
            Status = inApp ? NotificationChannels.Delivered : NotificationChannels.Pending,
            DeliveredAt = inApp ? now : null,
        };
        db.Notifications.Add(row);
        if (!inApp)
            hooks.DeliverAfterCommit(db, row);
    }
}
