// Specs for reading limits: working days (5WD) and ISO 8601 durations, and the messages for bad ones.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class LimitParsingSpecs
{
    [Theory]
    [InlineData("5WD", 5)]
    [InlineData(" 20wd ", 20)]
    [InlineData("0WD", 0)]
    public void Working_day_limits_are_whole_days(string text, int days)
    {
        var limit = SlaLimit.Parse(text);
        Assert.True(limit.IsWorkingDays);
        Assert.Equal(new WorkingDays(days), limit.WorkingDays);
        Assert.Equal($"{days}WD", limit.ToString());
    }

    [Theory]
    [InlineData("PT4H", 2026, 3, 6, 14, 0)]
    [InlineData("PT30M", 2026, 3, 6, 10, 30)]
    [InlineData("P3D", 2026, 3, 9, 10, 0)]
    [InlineData("P1DT2H", 2026, 3, 7, 12, 0)]
    [InlineData("P1W", 2026, 3, 13, 10, 0)]
    [InlineData("PT1.5H", 2026, 3, 6, 11, 30)]
    public void Iso_durations_are_elapsed_time_weekends_included(
        string text,
        int y,
        int mo,
        int d,
        int h,
        int mi
    )
    {
        var due = Official.Add(Local(2026, 3, 6, 10), text); // a Friday
        Assert.Equal(Local(y, mo, d, h, mi), due.Due);
        Assert.False(due.Provisional);
    }

    [Fact]
    public void Iso_duration_over_a_holiday_does_not_skip_it()
    {
        Assert.Equal(Local(2026, 2, 16, 10), Official.Add(Local(2026, 2, 13, 10), "P3D").Due);
    }

    [Fact]
    public void Iso_months_move_the_calendar_date_in_the_office_zone()
    {
        Assert.Equal(Local(2026, 2, 28, 10), Official.Add(Local(2026, 1, 31, 10), "P1M").Due);
    }

    [Fact]
    public void Half_working_days_are_rejected_with_advice_to_use_hours()
    {
        var e = Assert.Throws<FormatException>(() => SlaLimit.Parse("0.5WD"));
        Assert.Contains("'0.5WD'", e.Message);
        Assert.Contains("PT4H", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5 days")]
    [InlineData("-1WD")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1H")]
    [InlineData("P-1D")]
    [InlineData("WD")]
    public void Bad_limits_throw_a_format_exception_naming_the_text_and_the_expected_forms(
        string text
    )
    {
        var e = Assert.Throws<FormatException>(() => Official.Add(Local(2026, 3, 6), text));
        Assert.Contains("5WD", e.Message);
        if (text.Length > 0)
            Assert.Contains($"'{text}'", e.Message);
        Assert.False(SlaLimit.TryParse(text, out _));
    }

    [Fact]
    public void Iso_durations_print_in_canonical_form()
    {
        Assert.Equal("P1DT2H", IsoDuration.Parse("P1DT2H").ToString());
        Assert.Equal("P7D", IsoDuration.Parse("P1W").ToString());
        Assert.Equal("PT30M", IsoDuration.Parse("pt30m").ToString());
    }
}
