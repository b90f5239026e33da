using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;
using Workflows.Server.Application.Sla;
using Workflows.Server.Observability;

namespace Workflows.Server.Jobs;

/// <summary>
/// Fires one timer row. Our table is the truth, Hangfire only executes: the row is marked fired in the same transaction
/// as the instance moves on, so a job run twice (two nodes, a replay, the sweep) fires the timer once.
/// </summary>
public sealed class TimerJob(IServiceScopeFactory scopes, WorkflowRuntime runtime, IBackgroundJobClient jobs, IEnumerable<ITimerHandler> handlers, TimeProvider time)
{
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(500);

    /// <summary>Fires the timer if it is still pending and due.</summary>
    /// <returns>True when this call fired it.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<bool> FireAsync(string timerId)
    {
        Guid instanceId;
        DateTimeOffset dueAt;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var timer = await db.Timers.AsNoTracking().FirstOrDefaultAsync(t => t.Id == timerId);
            if (timer is null || timer.Status != TimerStatuses.Pending)
                return false;
            if (timer.DueAt - time.GetUtcNow() > EarlyTolerance)
            {
                // Scheduled early (e.g. a clock moved the due date): come back when it is due.
                jobs.Schedule<TimerJob>(j => j.FireAsync(timerId), timer.DueAt);
                return false;
            }
            if (timer.Kind != TimerKinds.Bpmn)
                return await FireOtherKindAsync(db, timer);
            if (timer.InstanceId is null)
                return false;
            instanceId = timer.InstanceId.Value;
            dueAt = timer.DueAt;
        }
        try
        {
            await runtime.ExecuteAsync(
                instanceId,
                new FireTimer(timerId),
                "system",
                "timer.fired",
                async (db, _) =>
                {
                    var row = await db.Timers.FirstAsync(t => t.Id == timerId);
                    if (row.Status != TimerStatuses.Pending)
                        throw new ConflictException($"Timer {timerId} already {row.Status}.");
                    row.Status = TimerStatuses.Fired;
                    row.FiredAt = time.GetUtcNow();
                    row.Attempts++;
                    row.Version++;
                }
            );
            WorkflowsMetrics.TimerFired(TimerKinds.Bpmn, time.GetUtcNow() - dueAt);
            return true;
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException)
        {
            // The timer's wait state is gone (task completed, instance ended) or it fired elsewhere: nothing to do.
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            await db
                .Timers.Where(t => t.Id == timerId && t.Status == TimerStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Cancelled));
            return false;
        }
    }

    // SLA transitions and other non-BPMN timers: claim the row first (concurrency token), then run its handler.
    private async Task<bool> FireOtherKindAsync(WorkflowsDbContext db, TimerEntity timer)
    {
        var handler = handlers.FirstOrDefault(h => h.Kinds.Contains(timer.Kind));
        var claimed = await db
            .Timers.Where(t => t.Id == timer.Id && t.Status == TimerStatuses.Pending && t.Version == timer.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Fired).SetProperty(t => t.FiredAt, time.GetUtcNow()).SetProperty(t => t.Version, t => t.Version + 1).SetProperty(t => t.Attempts, t => t.Attempts + 1));
        if (claimed == 0 || handler is null)
            return false;
        WorkflowsMetrics.TimerFired(timer.Kind, time.GetUtcNow() - timer.DueAt);
        try
        {
            return await handler.FireAsync(timer, CancellationToken.None);
        }
        catch
        {
            // Give the row back so the sweep retries it.
            await db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Pending));
            throw;
        }
    }
}
