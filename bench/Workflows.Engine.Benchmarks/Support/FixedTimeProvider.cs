// A clock that never moves, so every run computes the same due dates on the same (official) calendar year.
namespace Workflows.Engine.Benchmarks.Support;

/// <summary>A <see cref="TimeProvider"/> frozen at one moment.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
