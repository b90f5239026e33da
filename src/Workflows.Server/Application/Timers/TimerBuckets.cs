// Turns "timer row X is due at T" into at most one Hangfire job per due second on this node, instead of one job per timer.
using System.Collections.Concurrent;
using Hangfire;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application.Timers;

/// <summary>
/// Schedules the <see cref="TimerBucketJob"/> of a due moment's bucket: the whole second it falls in, run at the end of that
/// second (Hangfire's scheduler works in whole seconds), so a timer never fires early. A bucket already scheduled by this
/// node and not yet started here is not scheduled again; a bucket that is due within <see cref="Margin"/> always is,
/// because its job may already have started on another node (which this node cannot see).
/// </summary>
public sealed class TimerBuckets(IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Buckets due sooner than this are scheduled for every timer (their job may be running elsewhere already).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<long, byte> _scheduled = new();
    private long _lastPrune;

    /// <summary>The bucket of a due moment: the Unix second at whose start every timer of the bucket is due.</summary>
    public static long BucketOf(DateTimeOffset dueAt)
    {
        var ms = dueAt.ToUnixTimeMilliseconds();
        return ms / 1000 + (ms % 1000 > 0 ? 1 : 0);
    }

    /// <summary>Makes sure a job fires the timers due at <paramref name="dueAt"/> (and every other due timer) once it is due.</summary>
    public void Schedule(DateTimeOffset dueAt) => ScheduleBucket(BucketOf(dueAt));

    /// <summary>Makes sure the job of <paramref name="bucket"/> (Unix seconds) is scheduled.</summary>
    public void ScheduleBucket(long bucket)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(bucket);
        var now = time.GetUtcNow();
        if (at <= now + Margin)
        {
            jobs.Schedule<TimerBucketJob>(j => j.RunAsync(bucket, CancellationToken.None), at);
            return;
        }
        if (!_scheduled.TryAdd(bucket, 0))
            return;
        try
        {
            jobs.Schedule<TimerBucketJob>(j => j.RunAsync(bucket, CancellationToken.None), at);
        }
        catch
        {
            _scheduled.TryRemove(bucket, out _);
            throw;
        }
        Prune(now);
    }

    /// <summary>Called by the bucket's job before it looks for due rows: a timer added from now on schedules a new job.</summary>
    public void Started(long bucket) => _scheduled.TryRemove(bucket, out _);

    // Buckets whose job ran on another node stay in the map; forget them once they are well past.
    private void Prune(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (second - Interlocked.Read(ref _lastPrune) < 60)
            return;
        Interlocked.Exchange(ref _lastPrune, second);
        foreach (var bucket in _scheduled.Keys.Where(b => b < second - 60))
            _scheduled.TryRemove(bucket, out _);
    }
}
