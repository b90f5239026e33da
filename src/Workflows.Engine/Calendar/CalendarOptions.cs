// Where and when the office works: its time zone and the hour a working day closes.
namespace Workflows.Engine.Calendar;

/// <summary>The office's time zone and close of business; a working-day limit is due at the close of its last day.</summary>
public sealed record CalendarOptions
{
    /// <summary>China Standard Time (Asia/Shanghai, UTC+8, no daylight saving since 1991).</summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = FindChinaStandardTime();

    /// <summary>Asia/Shanghai, closing at 17:30 (the usual end of a government office day, 9:00–12:00 and 13:30–17:30).</summary>
    public static CalendarOptions Default { get; } = new();

    /// <summary>The office's time zone: days are counted in it and due moments are expressed in it.</summary>
    public TimeZoneInfo TimeZone { get; init; } = ChinaStandardTime;

    /// <summary>When a working day closes (local time); the due moment of a working-day limit. Default 17:30.</summary>
    public TimeOnly CloseOfBusiness { get; init; } = new(17, 30);

    private static TimeZoneInfo FindChinaStandardTime()
    {
        // A machine without time-zone data still gets the right answer: China has kept UTC+8 without DST since 1991.
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(
                "Asia/Shanghai",
                TimeSpan.FromHours(8),
                "China Standard Time",
                "China Standard Time"
            );
        }
    }
}
