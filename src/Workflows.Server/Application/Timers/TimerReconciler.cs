// Schedules the Hangfire jobs of the due seconds of pending timers for a window of time only (start-up and every sweep),
// instead of reading every pending row of the timer table at start.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Timers;

/// <summary>
/// Makes sure a pending timer's second has its <see cref="Jobs.TimerBucketJob"/> by the time it is due, although in-memory
/// Hangfire storage forgets its jobs on restart while the timer table does not. A start schedules one job now when any
/// timer is overdue, and the jobs of the seconds due within <see cref="Horizon"/>; every sweep (each minute) schedules the
/// seconds of the next <see cref="Horizon"/> again, so a timer further ahead gets its job several sweeps before it is due.
/// A timer created while the node runs schedules its own job when its command commits. Firing stays exactly once
/// whatever is scheduled twice: the drain claims rows with a lease and each firing checks the row's version.
/// </summary>
public sealed class TimerReconciler(
    IServiceScopeFactory scopes,
    TimerBuckets buckets,
    TimeProvider time
)
{
    /// <summary>
    /// How far ahead the jobs of pending timers are scheduled. Longer than the sweep's interval (a minute by default), so a
    /// missed sweep still leaves every timer its job; a timer beyond it that no sweep reached in time is fired by the next
    /// sweep's drain of overdue rows.
    /// </summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Schedules the job of every second in which a pending timer is due from now to <see cref="Horizon"/> ahead and, with
    /// <paramref name="overdue"/> (start-up), one job now when a pending timer is already due.
    /// </summary>
    /// <returns>How many due seconds were scheduled.</returns>
    public Task<int> ScheduleAsync(bool overdue, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return ScheduleAsync(now, now + Horizon, overdue, ct);
    }

    /// <summary>
    /// Schedules the job of every second in which a pending timer is due after <paramref name="from"/> and at or before
    /// <paramref name="until"/>; with <paramref name="overdue"/>, one job in the second of <paramref name="from"/> when a
    /// pending timer is due at or before it (that job's drain fires every due row).
    /// </summary>
    /// <returns>How many due seconds were scheduled.</returns>
    public async Task<int> ScheduleAsync(
        DateTimeOffset from,
        DateTimeOffset until,
        bool overdue,
        CancellationToken ct = default
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var seconds = new SortedSet<long>();
        if (
            overdue
            && await db.Timers.AnyAsync(
                t => t.Status == TimerStatuses.Pending && t.DueAt <= from,
                ct
            )
        )
            seconds.Add(TimerBuckets.BucketOf(from));
        // Only the window's rows, and each due moment once: a bulk of timers due at one moment is one value.
        var upcoming = await db
            .Timers.Where(t =>
                t.Status == TimerStatuses.Pending && t.DueAt > from && t.DueAt <= until
            )
            .Select(t => t.DueAt)
            .Distinct()
            .ToListAsync(ct);
        foreach (var dueAt in upcoming)
            seconds.Add(TimerBuckets.BucketOf(dueAt));
        foreach (var second in seconds)
            buckets.ScheduleBucket(second);
        return seconds.Count;
    }
}
