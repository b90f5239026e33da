// The recurring safety net of notification delivery: rows whose delivery job was lost (a crash, in-memory Hangfire restart).
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Application.Notifications;

namespace Workflows.Server.Jobs;

/// <summary>Re-delivers email and webhook rows left pending for a minute, or failed for a quarter of an hour.</summary>
public sealed class NotificationSweepJob(
    IServiceScopeFactory scopes,
    NotificationDeliveryJob delivery,
    TimeProvider time
)
{
    /// <summary>The recurring job id.</summary>
    public const string RecurringId = "workflows-notifications-sweep";

    /// <summary>One sweep.</summary>
    /// <returns>How many rows were delivered.</returns>
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync()
    {
        var now = time.GetUtcNow();
        var pendingBefore = now - TimeSpan.FromMinutes(1);
        var failedBefore = now - TimeSpan.FromMinutes(15);
        List<long> ids;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            ids = await db
                .Notifications.AsNoTracking()
                .Where(n =>
                    n.Channel != NotificationChannels.InApp
                    && (
                        (n.Status == NotificationChannels.Pending && n.CreatedAt <= pendingBefore)
                        || (n.Status == NotificationChannels.Failed && n.CreatedAt <= failedBefore)
                    )
                )
                .OrderBy(n => n.Id)
                .Select(n => n.Id)
                .Take(500)
                .ToListAsync();
        }
        var delivered = 0;
        foreach (var id in ids)
            if (await delivery.DeliverAsync(id))
                delivered++;
        return delivered;
    }
}
