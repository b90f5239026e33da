using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Application.Timers;

namespace Workflows.Server.Jobs;

/// <summary>
/// The recurring safety net (every minute) and the start-up reconciler: fires pending timers that are overdue,
/// dispatches outbox rows left behind by a crash, and (on start) schedules the job of every due second that has a pending
/// timer, because in-memory Hangfire storage forgets its jobs on restart while the timer table does not.
/// </summary>
public sealed class SweepJob(IServiceScopeFactory scopes, TimerDrain drain, TimerBuckets buckets, OutboxDispatcher outbox, TimeProvider time)
{
    /// <summary>Overdue pending timers are fired by the sweep after this grace (the job of their second normally fires them).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>How long one sweep waits for the timers it fires before it goes on (sweeps run every minute).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    /// <summary>One sweep: overdue timers, then pending outbox rows.</summary>
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepResult> RunAsync()
    {
        // The node's drain fires them (oldest first, each in its own unit of work); when one already runs, it takes the
        // sweep's horizon over. Leave a long backlog to it rather than outlive the minute and fail the next sweep's lock.
        var request = drain.Request(time.GetUtcNow() - Grace);
        var fired = 0;
        if (await Task.WhenAny(request.Drain, Task.Delay(Budget)) == request.Drain && !request.Joined)
            fired = await request.Drain;
        var dispatched = await outbox.DispatchPendingAsync();
        return new SweepResult(fired, dispatched);
    }

    /// <summary>Schedules the job of every second in which a pending timer is due (start-up; overdue ones share one job, now).</summary>
    /// <returns>How many pending timers there are.</returns>
    public async Task<int> RescheduleAllAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var pending = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).Select(t => t.DueAt).ToListAsync(ct);
        var now = TimerBuckets.BucketOf(time.GetUtcNow());
        foreach (var bucket in pending.Select(d => Math.Max(now, TimerBuckets.BucketOf(d))).Distinct())
            buckets.ScheduleBucket(bucket);
        return pending.Count;
    }
}

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int TimersFired, int OutboxDispatched);
