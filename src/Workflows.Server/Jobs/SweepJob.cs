using Hangfire;
using Workflows.Server.Application;
using Workflows.Server.Application.Timers;

namespace Workflows.Server.Jobs;

/// <summary>
/// The recurring safety net (every minute): fires pending timers that are overdue, schedules the jobs of the seconds in
/// which pending timers fall due within <see cref="TimerReconciler.Horizon"/> (the start-up reconciler scheduled only that
/// far ahead), and dispatches outbox rows left behind by a crash.
/// </summary>
public sealed class SweepJob(
    TimerDrain drain,
    TimerReconciler reconciler,
    OutboxDispatcher outbox,
    TimeProvider time
)
{
    /// <summary>Overdue pending timers are fired by the sweep after this grace (the job of their second normally fires them).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>How long one sweep waits for the timers it fires before it goes on (sweeps run every minute).</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);

    /// <summary>One sweep: overdue timers, the jobs of the timers due next, then pending outbox rows.</summary>
    [DisableConcurrentExecution(60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<SweepResult> RunAsync()
    {
        // The node's drain fires them (oldest first, each in its own unit of work); when one already runs, it takes the
        // sweep's horizon over. Leave a long backlog to it rather than outlive the minute and fail the next sweep's lock.
        var request = drain.Request(time.GetUtcNow() - Grace);
        await reconciler.ScheduleAsync(overdue: false);
        var fired = 0;
        if (
            await Task.WhenAny(request.Drain, Task.Delay(Budget)) == request.Drain
            && !request.Joined
        )
            fired = await request.Drain;
        var dispatched = await outbox.DispatchPendingAsync();
        return new SweepResult(fired, dispatched);
    }
}

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int TimersFired, int OutboxDispatched);
