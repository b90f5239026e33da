// A clock the SLA scenarios set by hand: the host's TimeProvider is replaced by it, so every transition is deterministic.
namespace Workflows.Server.Tests.Sla;

/// <summary>A TimeProvider whose now is whatever the test last set (office time zone Asia/Shanghai in the scenarios).</summary>
public sealed class SettableTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>The current instant.</summary>
    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    /// <summary>An office-local instant (UTC+8).</summary>
    public static DateTimeOffset Local(
        int year,
        int month,
        int day,
        int hour = 10,
        int minute = 0,
        int second = 0
    ) => new(year, month, day, hour, minute, second, TimeSpan.FromHours(8));
}
