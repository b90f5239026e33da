using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;

namespace Workflows.Server.Jobs;

/// <summary>
/// The recurring safety net (every minute) and the start-up reconciler: fires pending timers that are overdue,
/// dispatches outbox rows left behind by a crash, and (on start) reschedules every pending timer with Hangfire,
/// because in-memory Hangfire storage forgets its jobs on restart while the timer table does not.
/// </summary>
public sealed class SweepJob(IServiceScopeFactory scopes, TimerJob timers, OutboxDispatcher outbox, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Overdue pending timers are fired by the sweep after this grace (their own job normally fires them).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>How long one sweep fires timers before it leaves the rest to the next (sweeps run every minute).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    /// <summary>One sweep: overdue timers, then pending outbox rows.</summary>
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepResult> RunAsync()
    {
        var started = Stopwatch.GetTimestamp(); // real elapsed time, not the (possibly fake) business clock
        var cutoff = time.GetUtcNow() - Grace;
        List<string> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            // Oldest first: the most overdue fires first. In a backlog the sweep may race a worker for the same timer;
            // that is safe (the loser's command conflicts and does nothing) and the timer benchmark measured no conflict.
            due = await db
                .Timers.Where(t => t.Status == TimerStatuses.Pending && t.DueAt <= cutoff)
                .OrderBy(t => t.DueAt)
                .Select(t => t.Id)
                .Take(5000)
                .ToListAsync();
        }
        var fired = 0;
        foreach (var id in due)
        {
            // Leave the rest to the next sweep rather than outlive the minute and make it fail on the concurrency lock.
            if (Stopwatch.GetElapsedTime(started) > Budget)
                break;
            if (await timers.FireAsync(id))
                fired++;
        }
        var dispatched = await outbox.DispatchPendingAsync();
        return new SweepResult(fired, dispatched);
    }

    /// <summary>Reschedules every pending timer with Hangfire (start-up, in-memory storage).</summary>
    /// <returns>How many timers were rescheduled.</returns>
    public async Task<int> RescheduleAllAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var pending = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).Select(t => new { t.Id, t.DueAt }).ToListAsync(ct);
        foreach (var t in pending)
        {
            var id = t.Id;
            jobs.Schedule<TimerJob>(j => j.FireAsync(id), t.DueAt);
        }
        return pending.Count;
    }
}

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int TimersFired, int OutboxDispatched);
