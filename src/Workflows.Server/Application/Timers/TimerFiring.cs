// Fires one timer row that the caller has already read: a BPMN timer through the workflow runtime, any other kind through
// its ITimerHandler. One row, one unit of work, so a failing timer never rolls back another.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Sla;
using Workflows.Server.Observability;

namespace Workflows.Server.Application.Timers;

/// <summary>
/// Executes a pending timer row. Our table is the truth: a BPMN row is marked fired in the same transaction as the instance
/// moves on, any other row is claimed with its concurrency token before its handler runs, so a row fired twice (two nodes,
/// a replayed job, the sweep) fires once, and a row whose wait state is gone does nothing.
/// </summary>
public sealed class TimerFiring(
    IServiceScopeFactory scopes,
    WorkflowRuntime runtime,
    IEnumerable<ITimerHandler> handlers,
    TimeProvider time
)
{
    /// <summary>Fires <paramref name="timer"/> (as read, status Pending). Throws when its work failed; the row is pending again then.</summary>
    /// <returns>True when this call fired it; false when it was no longer relevant (the row is fired or cancelled by then).</returns>
    public Task<bool> FireAsync(TimerEntity timer) =>
        timer.Kind == TimerKinds.Bpmn ? FireBpmnAsync(timer) : FireOtherKindAsync(timer);

    private async Task<bool> FireBpmnAsync(TimerEntity timer)
    {
        if (timer.InstanceId is not { } instanceId)
        {
            await CancelAsync(timer.Id); // a BPMN timer of no instance can never fire: do not let it come back
            return false;
        }
        var saves = 0;
        try
        {
            await runtime.ExecuteAsync(
                instanceId,
                new FireTimer(timer.Id),
                "system",
                "timer.fired",
                async (db, _) =>
                {
                    // First attempt: the row as the caller read it, attached unchanged, so the update needs no read (its
                    // version is the concurrency token). A retried attempt (the instance changed meanwhile) reads it again.
                    var first = saves++ == 0;
                    var row = db.Timers.Local.FirstOrDefault(t => t.Id == timer.Id);
                    if (row is null && first)
                        db.Timers.Attach(row = Copy(timer));
                    row ??= await db.Timers.FirstAsync(t => t.Id == timer.Id);
                    if (row.Status != TimerStatuses.Pending)
                        throw new ConflictException($"Timer {timer.Id} already {row.Status}.");
                    row.Status = TimerStatuses.Fired;
                    row.FiredAt = time.GetUtcNow();
                    row.Attempts++;
                    row.Version++;
                }
            );
            WorkflowsMetrics.TimerFired(TimerKinds.Bpmn, time.GetUtcNow() - timer.DueAt);
            return true;
        }
        catch (Exception ex) when (ex is NotFoundException or ConflictException)
        {
            // The timer's wait state is gone (task completed, instance ended) or it fired elsewhere: nothing to do.
            await CancelAsync(timer.Id);
            return false;
        }
    }

    // SLA transitions and other non-BPMN timers: claim the row first (concurrency token), then run its handler.
    private async Task<bool> FireOtherKindAsync(TimerEntity timer)
    {
        var handler = handlers.FirstOrDefault(h => h.Kinds.Contains(timer.Kind));
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var claimed = await db
            .Timers.Where(t =>
                t.Id == timer.Id && t.Status == TimerStatuses.Pending && t.Version == timer.Version
            )
            .ExecuteUpdateAsync(s =>
                s.SetProperty(t => t.Status, TimerStatuses.Fired)
                    .SetProperty(t => t.FiredAt, time.GetUtcNow())
                    .SetProperty(t => t.Version, t => t.Version + 1)
                    .SetProperty(t => t.Attempts, t => t.Attempts + 1)
            );
        if (claimed == 0 || handler is null)
            return false;
        bool done;
        try
        {
            done = await handler.FireAsync(timer, CancellationToken.None);
        }
        catch
        {
            // Give the row back (its attempt stays counted) so that its retry budget decides what comes next.
            await db
                .Timers.Where(t => t.Id == timer.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Pending));
            throw;
        }
        WorkflowsMetrics.TimerFired(timer.Kind, time.GetUtcNow() - timer.DueAt); // a failed attempt is not a firing
        return done;
    }

    private async Task CancelAsync(string timerId)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await db
            .Timers.Where(t => t.Id == timerId && t.Status == TimerStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Cancelled));
    }

    private static TimerEntity Copy(TimerEntity t) =>
        new()
        {
            Id = t.Id,
            InstanceId = t.InstanceId,
            TaskId = t.TaskId,
            ElementId = t.ElementId,
            Kind = t.Kind,
            Payload = t.Payload,
            DueAt = t.DueAt,
            Status = t.Status,
            CreatedAt = t.CreatedAt,
            FiredAt = t.FiredAt,
            Attempts = t.Attempts,
            LastError = t.LastError,
            LockedBy = t.LockedBy,
            LockedUntil = t.LockedUntil,
            Version = t.Version,
        };
}
