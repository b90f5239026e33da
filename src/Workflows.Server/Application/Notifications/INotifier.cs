using Workflows.Data;

namespace Workflows.Server.Application.Notifications;

/// <summary>
/// Tells people about things (a reminder, an escalation, a supplement notice) through the configured channels. Called
/// inside a unit of work: it only adds notification rows (deduplicated by <see cref="NotificationMessage.DedupKey"/>);
/// delivery by email or webhook happens after commit, retried by Hangfire, and never blocks the workflow.
/// </summary>
public interface INotifier
{
    /// <summary>Queues a notification for each recipient and channel; a dedup key already used is skipped.</summary>
    Task NotifyAsync(
        WorkflowsDbContext db,
        NotificationMessage message,
        CancellationToken ct = default
    );
}

/// <summary>What to tell whom.</summary>
/// <param name="Recipients">User names (the group's members are resolved by the caller).</param>
/// <param name="Kind">e.g. <c>sla.yellow</c>, <c>sla.red</c>, <c>supplement.notice</c>, <c>case.rejected</c>.</param>
/// <param name="Subject">Bilingual subject ("中文 / English").</param>
/// <param name="Body">Bilingual body text.</param>
/// <param name="DedupKey">Unique per logical notification (the recipient and channel are appended).</param>
/// <param name="InstanceId">The case, if any.</param>
/// <param name="TaskId">The task, if any.</param>
public sealed record NotificationMessage(
    IReadOnlyList<string> Recipients,
    string Kind,
    string Subject,
    string Body,
    string DedupKey,
    Guid? InstanceId = null,
    string? TaskId = null
);
