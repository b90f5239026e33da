// A clock that runs with the machine but can be pushed forward, so an SLA breach happens within a test.
namespace Workflows.Browser.Tests.Ui;

/// <summary>System time plus an offset that only grows.</summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves the clock forward to <paramref name="at"/> (a moment not in its past); it runs on from there.</summary>
    public void StartAt(DateTimeOffset at)
    {
        var by = at - GetUtcNow();
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(at), at, "The clock only moves forward.");
        Advance(by);
    }

    /// <summary>Moves the clock forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() =>
        System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;
}
