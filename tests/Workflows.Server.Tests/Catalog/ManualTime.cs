// A hand-driven TimeProvider for the simulation delay specs.
namespace Workflows.Server.Tests.Catalog;

/// <summary>A <see cref="TimeProvider"/> whose clock and timers move only when a test advances it.</summary>
public sealed class ManualTime : TimeProvider
{
    private readonly List<(DateTimeOffset Due, TimerCallback Callback, object? State)> _timers = [];
    private DateTimeOffset _now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>Moves the clock forward and fires every timer that falls due.</summary>
    public void Advance(TimeSpan by)
    {
        _now += by;
        List<(DateTimeOffset Due, TimerCallback Callback, object? State)> due;
        lock (_timers)
        {
            due = _timers.Where(t => t.Due <= _now).ToList();
            _timers.RemoveAll(t => t.Due <= _now);
        }

        foreach (var (_, callback, state) in due)
            callback(state);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(
        TimerCallback callback,
        object? state,
        TimeSpan dueTime,
        TimeSpan period
    )
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_timers)
                _timers.Add((_now + dueTime, callback, state));
        }

        return new NoopTimer();
    }

    private sealed class NoopTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() { }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
