using Hangfire;
using Workflows.Server.Application.Timers;

namespace Workflows.Server.Jobs;

/// <summary>
/// The Hangfire job of one due second (<see cref="TimerBuckets"/>): fires every timer row due by now, in batches, each in its
/// own unit of work. One job per second rather than one per timer keeps Hangfire's own cost (several storage transactions
/// per job on PostgreSQL) off the per-timer path.
/// </summary>
public sealed class TimerBucketJob(TimerBuckets buckets, TimerDrain drain, TimeProvider time)
{
    /// <summary>Fires the due timers; when a drain already runs on this node it takes them over and this returns at once.</summary>
    /// <param name="bucket">The due second (Unix seconds) this job was scheduled for.</param>
    /// <param name="ct">Hangfire's shutdown token.</param>
    /// <returns>How many timers the drain started by this job fired (0 when it joined a running one).</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(long bucket, CancellationToken ct)
    {
        buckets.Started(bucket);
        var now = time.GetUtcNow();
        var request = drain.Request(now, ct);
        var fired = request.Joined ? 0 : await request.Drain;
        // Run before the end of its second (another node's clock, or a business clock behind Hangfire's): the rows of the
        // bucket not yet due need a job once they are.
        var end = DateTimeOffset.FromUnixTimeSeconds(bucket);
        if (now < end && await drain.EarliestPendingAsync(now, end, ct) is { } next)
            buckets.Schedule(next);
        return fired;
    }
}
