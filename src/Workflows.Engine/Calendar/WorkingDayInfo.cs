// What the calendar says about one day, for display and tests.
namespace Workflows.Engine.Calendar;

/// <summary>What the calendar says about one day.</summary>
/// <param name="Day">The day.</param>
/// <param name="IsWorkingDay">True when the office works that day.</param>
/// <param name="Provisional">True when the day's year has no official file and the answer is computed.</param>
/// <param name="Holiday">The holiday break the day belongs to, if any.</param>
/// <param name="AdjustedWorkday">The adjusted workday (调休上班) entry when a weekend day is worked.</param>
public sealed record WorkingDayInfo(
    DateOnly Day,
    bool IsWorkingDay,
    bool Provisional,
    CalendarHoliday? Holiday,
    AdjustedWorkday? AdjustedWorkday
);
