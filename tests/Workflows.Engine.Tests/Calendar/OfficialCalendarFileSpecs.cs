// Specs for the shipped State Council calendar files and their loader.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class OfficialCalendarFileSpecs
{
    [Fact]
    public void Shipped_files_make_2025_and_2026_official()
    {
        Assert.Equal([2025, 2026], Official.OfficialYears);
        Assert.False(Official.IsProvisional(2025));
        Assert.False(Official.IsProvisional(2026));
        Assert.True(Official.IsProvisional(2027));
        Assert.Contains("国务院办公厅", Official.Year(2026).Source);
    }

    [Theory]
    [InlineData("2025-01-01", "2025-01-01")]
    [InlineData("2025-01-28", "2025-02-04")]
    [InlineData("2025-04-04", "2025-04-06")]
    [InlineData("2025-05-01", "2025-05-05")]
    [InlineData("2025-05-31", "2025-06-02")]
    [InlineData("2025-10-01", "2025-10-08")]
    [InlineData("2026-01-01", "2026-01-03")]
    [InlineData("2026-02-15", "2026-02-23")]
    [InlineData("2026-04-04", "2026-04-06")]
    [InlineData("2026-05-01", "2026-05-05")]
    [InlineData("2026-06-19", "2026-06-21")]
    [InlineData("2026-09-25", "2026-09-27")]
    [InlineData("2026-10-01", "2026-10-07")]
    public void Every_day_of_an_official_holiday_break_is_off(string from, string to)
    {
        for (var d = DateOnly.Parse(from); d <= DateOnly.Parse(to); d = d.AddDays(1))
        {
            var info = Official.Describe(d);
            Assert.False(info.IsWorkingDay, $"{d} should be off");
            Assert.NotNull(info.Holiday);
            Assert.False(info.Provisional);
        }
    }

    [Theory]
    [InlineData("2025-01-26", DayOfWeek.Sunday)]
    [InlineData("2025-02-08", DayOfWeek.Saturday)]
    [InlineData("2025-04-27", DayOfWeek.Sunday)]
    [InlineData("2025-09-28", DayOfWeek.Sunday)]
    [InlineData("2025-10-11", DayOfWeek.Saturday)]
    [InlineData("2026-01-04", DayOfWeek.Sunday)]
    [InlineData("2026-02-14", DayOfWeek.Saturday)]
    [InlineData("2026-02-28", DayOfWeek.Saturday)]
    [InlineData("2026-05-09", DayOfWeek.Saturday)]
    [InlineData("2026-09-20", DayOfWeek.Sunday)]
    [InlineData("2026-10-10", DayOfWeek.Saturday)]
    public void Adjusted_weekend_workdays_are_working_days(string date, DayOfWeek weekday)
    {
        var day = DateOnly.Parse(date);
        Assert.Equal(weekday, day.DayOfWeek);
        var info = Official.Describe(day);
        Assert.True(info.IsWorkingDay);
        Assert.NotNull(info.AdjustedWorkday);
    }

    [Fact]
    public void Official_years_have_exactly_the_published_adjusted_workdays()
    {
        Assert.Equal(5, Official.Year(2025).Workdays.Count);
        Assert.Equal(6, Official.Year(2026).Workdays.Count);
        var saturdays = 0;
        for (var d = Day(2026, 1, 1); d.Year == 2026; d = d.AddDays(1))
            if (d.DayOfWeek == DayOfWeek.Saturday && Official.IsWorkingDay(d))
                saturdays++;
        Assert.Equal(4, saturdays);
    }

    [Fact]
    public void Official_files_contain_every_statutory_festival_day_the_provisional_rule_computes()
    {
        foreach (var year in new[] { 2025, 2026 })
        {
            var statutory = new[]
            {
                new DateOnly(year, 1, 1),
                ChineseDates.SpringFestivalEve(year),
                ChineseDates.SpringFestival(year),
                ChineseDates.SpringFestival(year).AddDays(2),
                ChineseDates.Qingming(year),
                new DateOnly(year, 5, 1),
                new DateOnly(year, 5, 2),
                ChineseDates.DragonBoat(year),
                ChineseDates.MidAutumn(year),
                new DateOnly(year, 10, 1),
                new DateOnly(year, 10, 3),
            };
            Assert.All(
                statutory,
                d => Assert.False(Official.IsWorkingDay(d), $"{d} should be off in {year}")
            );
        }
    }

    [Fact]
    public void Holiday_breaks_can_be_written_as_a_list_of_days()
    {
        var year = CalendarLoader.Parse(
            """
            { "year": 2030, "source": "test",
              "holidays": [ { "name": "元旦", "nameEn": "New Year's Day", "days": ["2030-01-01"] } ],
              "workdays": [] }
            """
        );
        Assert.Equal([Day(2030, 1, 1)], year.Holidays.Single().Days);
    }

    [Theory]
    [InlineData(
        """{ "year": 2030, "holidays": [], "workdays": [ { "date": "2030-01-02" } ] }""",
        "not a weekend day"
    )]
    [InlineData(
        """{ "year": 2030, "holidays": [ { "name": "x", "from": "2031-01-01", "to": "2031-01-02" } ] }""",
        "outside the year"
    )]
    [InlineData(
        """{ "year": 2030, "holidays": [ { "name": "x", "from": "2030-01-03", "to": "2030-01-01" } ] }""",
        "ends before it starts"
    )]
    [InlineData(
        """{ "year": 2030, "holidays": [ { "name": "x", "from": "2030-01-05" } ] }""",
        "both 'from' and 'to'"
    )]
    [InlineData(
        """{ "year": 2030, "holidays": [ { "name": "x", "days": ["2030-01-05"] } ], "workdays": [ { "date": "2030-01-05" } ] }""",
        "both a holiday and an adjusted workday"
    )]
    [InlineData(
        """{ "year": 2030, "holidays": [ { "name": "x", "days": ["not a date"] } ] }""",
        "bad.json"
    )]
    public void Inconsistent_files_are_rejected_with_the_reason(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => CalendarLoader.Parse(json, "bad.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.json", e.Message);
    }
}
