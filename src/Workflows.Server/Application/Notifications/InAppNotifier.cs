using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Notifications;

/// <summary>The in-app channel only: one unread row per recipient (kept for hosts and tests that want no email or webhook).</summary>
public sealed class InAppNotifier(TimeProvider time) : INotifier
{
    /// <inheritdoc />
    public async Task NotifyAsync(WorkflowsDbContext db, NotificationMessage message, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        foreach (var recipient in message.Recipients.Distinct(StringComparer.Ordinal))
        {
            var key = $"{message.DedupKey}:{recipient}:inapp";
            if (db.Notifications.Local.Any(n => n.DedupKey == key) || await db.Notifications.AnyAsync(n => n.DedupKey == key, ct))
                continue;
            db.Notifications.Add(
                new NotificationEntity
                {
                    Recipient = recipient,
                    Channel = "inapp",
                    Kind = message.Kind,
                    Subject = message.Subject,
                    Body = message.Body,
                    InstanceId = message.InstanceId,
                    TaskId = message.TaskId,
                    DedupKey = key,
                    CreatedAt = now,
                    Status = "delivered",
                    DeliveredAt = now,
                }
            );
        }
    }
}
