// The textual forms accepted for timers and SLA limits, independent of the calendar arithmetic.
using Workflows.Engine.Validation;

namespace Workflows.Engine.Tests.Parsing;

public class TimerValuesTests
{
    [Theory]
    [InlineData("PT4H", true)]
    [InlineData("P3D", true)]
    [InlineData("P1Y2M3W4DT5H6M7S", true)]
    [InlineData("PT0.5H", true)]
    [InlineData("5WD", true)]
    [InlineData("0.5WD", false)]
    [InlineData("P", false)]
    [InlineData("PT", false)]
    [InlineData("P1DT", false)]
    [InlineData("P1H", false)]
    [InlineData("3 days", false)]
    [InlineData("WD", false)]
    [InlineData("-P1D", false)]
    public void Durations_are_iso_8601_or_working_days(string value, bool valid)
    {
        Assert.Equal(valid, TimerValues.IsDuration(value));
    }

    [Theory]
    [InlineData("2026-03-01", true)]
    [InlineData("2026-03-01T09:00:00Z", true)]
    [InlineData("2026-03-01T09:00:00+08:00", true)]
    [InlineData("2026-03-01T09:00", true)]
    [InlineData("2026-02-30T09:00:00Z", false)]
    [InlineData("2026-13-01", false)]
    [InlineData("01/03/2026", false)]
    [InlineData("tomorrow", false)]
    public void Dates_are_iso_8601_and_exist_in_the_calendar(string value, bool valid)
    {
        Assert.Equal(valid, TimerValues.IsDate(value));
    }

    [Theory]
    [InlineData("R/P1D", true)]
    [InlineData("R3/PT1H", true)]
    [InlineData("R5/2026-01-01T09:00:00Z/P1D", true)]
    [InlineData("R2/PT1H/2026-01-01T09:00:00Z", true)]
    [InlineData("R3", false)]
    [InlineData("P1D", false)]
    [InlineData("R/5WD", false)]
    [InlineData("0 0 9 * * ?", false)]
    [InlineData("Rx/P1D", false)]
    public void Cycles_are_repeating_intervals(string value, bool valid)
    {
        Assert.Equal(valid, TimerValues.IsCycle(value));
    }

    [Theory]
    [InlineData("1WD", true)]
    [InlineData("80%", true)]
    [InlineData("PT2H", true)]
    [InlineData("180%", false)]
    [InlineData("soon", false)]
    public void Warnings_are_a_lead_time_or_a_percentage(string value, bool valid)
    {
        Assert.Equal(valid, TimerValues.IsWarning(value));
    }
}
