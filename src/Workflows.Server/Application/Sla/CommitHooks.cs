// Work that may only start once the unit of work committed: dispatching our outbox rows and delivering notifications.
using System.Runtime.CompilerServices;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Remembers, per DbContext, the outbox and notification rows added by the SLA feature and hands them on after the
/// context's next successful SaveChanges (the command runtime only dispatches the outbox rows of the engine's own
/// effects). Best effort by design: if the process dies in between, the sweeps pick the rows up.
/// </summary>
public sealed partial class CommitHooks(IServiceProvider services, ILogger<CommitHooks> logger)
{
    private readonly ConditionalWeakTable<WorkflowsDbContext, Pending> _pending = new();

    /// <summary>Dispatches <paramref name="row"/> (e.g. <c>timer.schedule</c>) once <paramref name="db"/> has committed it.</summary>
    public void DispatchAfterCommit(WorkflowsDbContext db, OutboxEntity row) =>
        For(db).Outbox.Add(row);

    /// <summary>Enqueues delivery of <paramref name="row"/> (email, webhook) once <paramref name="db"/> has committed it.</summary>
    public void DeliverAfterCommit(WorkflowsDbContext db, NotificationEntity row) =>
        For(db).Notifications.Add(row);

    // Keyed on the context for one use of it: contexts are pooled, so when the use ends (the context drops the Saved
    // handler then) the entry goes too, and the next renter of the instance subscribes afresh.
    private Pending For(WorkflowsDbContext db) =>
        _pending.GetValue(
            db,
            d =>
            {
                var pending = new Pending();
                d.Saved += (_, _) => Flush(pending);
                d.UseEnded += (_, _) => _pending.Remove(d);
                return pending;
            }
        );

    private void Flush(Pending pending)
    {
        var outbox = pending.Outbox.Select(o => o.Id).Where(id => id > 0).ToList();
        var notifications = pending.Notifications.Select(n => n.Id).Where(id => id > 0).ToList();
        pending.Outbox.Clear();
        pending.Notifications.Clear();
        if (outbox.Count > 0)
        {
            var dispatcher = services.GetRequiredService<OutboxDispatcher>();
            _ = Task.Run(async () =>
            {
                try
                {
                    await dispatcher.DispatchAsync(outbox);
                }
                catch (Exception ex)
                {
                    LogFailed(logger, ex, "outbox dispatch");
                }
            });
        }
        if (notifications.Count > 0)
        {
            try
            {
                var jobs = services.GetRequiredService<IBackgroundJobClient>();
                foreach (var id in notifications)
                    jobs.Enqueue<NotificationDeliveryJob>(j => j.DeliverAsync(id));
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, "notification enqueue");
            }
        }
    }

    private sealed class Pending
    {
        public List<OutboxEntity> Outbox { get; } = [];

        public List<NotificationEntity> Notifications { get; } = [];
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "After-commit {What} failed; the sweep will retry"
    )]
    private static partial void LogFailed(ILogger logger, Exception ex, string what);
}
