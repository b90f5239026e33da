// Delivers one email or webhook notification row; retried with backoff by Hangfire, dead-lettered after MaxAttempts.
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Server.Application.Notifications;

namespace Workflows.Server.Jobs;

/// <summary>
/// One delivery attempt of a notification row. The row is claimed first (its attempt count is the concurrency token),
/// so a job run twice sends once; a failure schedules the next attempt after <c>RetryBaseDelay · 2^(n−1)</c> until
/// <c>MaxAttempts</c>, then the row is marked <c>dead</c>.
/// </summary>
public sealed partial class NotificationDeliveryJob(
    IServiceScopeFactory scopes,
    EmailSender email,
    WebhookSender webhooks,
    IBackgroundJobClient jobs,
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationDeliveryJob> logger
)
{
    /// <summary>Attempts delivery of row <paramref name="id"/>.</summary>
    /// <returns>True when this call delivered it.</returns>
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> DeliverAsync(long id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var row = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id);
        if (
            row is null
            || row.Channel == NotificationChannels.InApp
            || row.Status is not (NotificationChannels.Pending or NotificationChannels.Failed)
        )
            return false;
        var attempt = row.Attempts + 1;
        var claimed = await db
            .Notifications.Where(n =>
                n.Id == id
                && n.Attempts == row.Attempts
                && (
                    n.Status == NotificationChannels.Pending
                    || n.Status == NotificationChannels.Failed
                )
            )
            .ExecuteUpdateAsync(s =>
                s.SetProperty(n => n.Attempts, attempt)
                    .SetProperty(n => n.Status, NotificationChannels.Sending)
            );
        if (claimed == 0)
            return false;
        try
        {
            if (row.Channel == NotificationChannels.Email)
            {
                var address = await db
                    .Users.AsNoTracking()
                    .Where(u => u.UserName == row.Recipient)
                    .Select(u => u.Email)
                    .FirstOrDefaultAsync();
                if (string.IsNullOrWhiteSpace(address))
                {
                    await FinishAsync(
                        db,
                        id,
                        NotificationChannels.Dead,
                        $"User '{row.Recipient}' has no email address."
                    );
                    return false;
                }
                await email.SendAsync(address, row.Subject, row.Body, CancellationToken.None);
            }
            else
                await webhooks.SendAsync(row, CancellationToken.None);
        }
        catch (Exception ex)
        {
            var settings = options.CurrentValue;
            var dead = attempt >= Math.Max(1, settings.MaxAttempts);
            await FinishAsync(
                db,
                id,
                dead ? NotificationChannels.Dead : NotificationChannels.Failed,
                ex.Message
            );
            LogFailed(logger, ex, row.Channel, id, attempt, dead);
            if (!dead)
                jobs.Schedule<NotificationDeliveryJob>(
                    j => j.DeliverAsync(id),
                    settings.RetryBaseDelay * Math.Pow(2, attempt - 1)
                );
            return false;
        }
        var now = time.GetUtcNow();
        await db
            .Notifications.Where(n => n.Id == id)
            .ExecuteUpdateAsync(s =>
                s.SetProperty(n => n.Status, NotificationChannels.Delivered)
                    .SetProperty(n => n.DeliveredAt, now)
                    .SetProperty(n => n.LastError, (string?)null)
            );
        return true;
    }

    private static Task FinishAsync(WorkflowsDbContext db, long id, string status, string error) =>
        db
            .Notifications.Where(n => n.Id == id)
            .ExecuteUpdateAsync(s =>
                s.SetProperty(n => n.Status, status).SetProperty(n => n.LastError, error)
            );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Delivering {Channel} notification #{Id} failed (attempt {Attempt}, dead: {Dead})"
    )]
    private static partial void LogFailed(
        ILogger logger,
        Exception ex,
        string channel,
        long id,
        int attempt,
        bool dead
    );
}
