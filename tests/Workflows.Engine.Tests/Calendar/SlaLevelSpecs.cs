// Specs for green/yellow/red levels and warning thresholds.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class SlaLevelSpecs
{
    // Mon 2 Mar 2026 09:00 + 5WD: due Mon 9 Mar 17:30.
    private static readonly DateTimeOffset Start = Local(2026, 3, 2);

    private static SlaLevel Level(string limit, string warning, DateTimeOffset at) =>
        SlaLevels.At(Official, Start, SlaLimit.Parse(limit), SlaWarning.Parse(warning), at);

    private static DateTimeOffset WarningAt(string limit, string warning, DateTimeOffset start) =>
        SlaWarning
            .Parse(warning)
            .WarningAt(Official, start, Official.Add(start, limit).Due, SlaLimit.Parse(limit));

    [Fact]
    public void Default_warning_turns_yellow_at_close_of_the_working_day_before_due()
    {
        Assert.Equal(Close(2026, 3, 6), WarningAt("5WD", "1WD", Start));
        Assert.Equal(SlaWarning.Default, SlaWarning.Parse(null));
    }

    [Theory]
    [InlineData(6, 10, 0, SlaLevel.Green)]
    [InlineData(6, 17, 30, SlaLevel.Yellow)]
    [InlineData(9, 10, 0, SlaLevel.Yellow)]
    [InlineData(9, 17, 30, SlaLevel.Yellow)] // due moment itself is still on time
    [InlineData(9, 17, 31, SlaLevel.Red)]
    [InlineData(10, 9, 0, SlaLevel.Red)]
    public void Level_is_green_then_yellow_then_red(
        int day,
        int hour,
        int minute,
        SlaLevel expected
    )
    {
        Assert.Equal(expected, Level("5WD", "1WD", Local(2026, 3, day, hour, minute)));
    }

    [Fact]
    public void Warning_before_a_holiday_counts_back_over_it_to_the_working_saturday()
    {
        // 12 Feb + 3WD is due 24 Feb; one working day before is Sat 14 Feb (worked).
        Assert.Equal(Close(2026, 2, 14), WarningAt("3WD", "1WD", Local(2026, 2, 12)));
    }

    [Theory]
    [InlineData("80%", 6)] // 80% of 5WD = 4WD used: yellow after day 4 (Fri)
    [InlineData("60%", 5)] // 3WD used: yellow after Thu
    [InlineData("100%", 9)]
    public void Percentage_warning_is_a_share_of_the_working_day_limit(string warning, int day)
    {
        Assert.Equal(Close(2026, 3, day), WarningAt("5WD", warning, Start));
    }

    [Fact]
    public void Percentage_of_working_days_rounds_down_so_the_warning_comes_early()
    {
        // 50% of 3WD = 1.5 → yellow after the first working day (Tue 3 Mar).
        Assert.Equal(Close(2026, 3, 3), WarningAt("3WD", "50%", Start));
    }

    [Fact]
    public void Percentage_of_an_elapsed_limit_is_that_share_of_its_length()
    {
        Assert.Equal(Local(2026, 3, 2, 12), WarningAt("PT4H", "75%", Start));
        Assert.Equal(SlaLevel.Yellow, Level("PT4H", "75%", Local(2026, 3, 2, 12, 30)));
        Assert.Equal(SlaLevel.Red, Level("PT4H", "75%", Local(2026, 3, 2, 13, 1)));
    }

    [Fact]
    public void Duration_warning_is_that_long_before_due()
    {
        Assert.Equal(Local(2026, 3, 2, 12, 30), WarningAt("PT4H", "PT30M", Start));
    }

    [Fact]
    public void Warning_never_comes_before_the_start()
    {
        Assert.Equal(Start, WarningAt("1WD", "3WD", Start));
    }

    [Theory]
    [InlineData("120%")]
    [InlineData("eighty%")]
    [InlineData("soon")]
    [InlineData("1.5WD")]
    public void Bad_warnings_throw_a_format_exception(string text)
    {
        var e = Assert.Throws<FormatException>(() => SlaWarning.Parse(text));
        Assert.Contains(text, e.Message);
    }
}
