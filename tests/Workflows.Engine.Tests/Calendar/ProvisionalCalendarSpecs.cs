// Specs for years without an official file: festival dates, the statutory holidays, make-up days and the provisional flag.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class ProvisionalCalendarSpecs
{
    [Theory]
    [InlineData(2025, 1, 29)]
    [InlineData(2026, 2, 17)]
    [InlineData(2027, 2, 6)]
    [InlineData(2028, 1, 26)]
    public void Spring_festival_is_the_first_day_of_the_lunar_year(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ChineseDates.SpringFestival(year));
    }

    [Theory]
    [InlineData(2020, 10, 1)]
    [InlineData(2023, 9, 29)]
    [InlineData(2025, 10, 6)] // leap 6th month in 2025
    [InlineData(2026, 9, 25)]
    [InlineData(2027, 9, 15)]
    public void Mid_autumn_accounts_for_leap_months(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ChineseDates.MidAutumn(year));
    }

    [Theory]
    [InlineData(2020, 6, 25)] // leap 4th month in 2020: the 5th month is one index later
    [InlineData(2023, 6, 22)]
    [InlineData(2025, 5, 31)]
    [InlineData(2026, 6, 19)]
    public void Dragon_boat_is_the_fifth_day_of_the_fifth_lunar_month(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), ChineseDates.DragonBoat(year));
    }

    [Theory]
    [InlineData(2024, 4)]
    [InlineData(2025, 4)]
    [InlineData(2026, 5)]
    [InlineData(2027, 5)]
    [InlineData(2028, 4)]
    public void Qingming_solar_term_falls_on_4_or_5_april(int year, int day)
    {
        Assert.Equal(new DateOnly(year, 4, day), ChineseDates.Qingming(year));
    }

    [Fact]
    public void Festival_dates_outside_the_supported_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChineseDates.Qingming(2100));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Official.IsWorkingDay(new DateOnly(1999, 6, 1))
        );
    }

    [Fact]
    public void Provisional_2027_spring_festival_takes_eve_and_three_days_and_makes_up_the_weekend()
    {
        // Eve Fri 5 Feb, New Year Sat 6 Feb: Sat and Sun are made up on Tue 9 and Wed 10 (Mon 8 is itself a festival day).
        for (var d = Day(2027, 2, 5); d <= Day(2027, 2, 10); d = d.AddDays(1))
            Assert.False(Official.IsWorkingDay(d), $"{d} should be off");
        Assert.True(Official.IsWorkingDay(Day(2027, 2, 4)));
        Assert.True(Official.IsWorkingDay(Day(2027, 2, 11)));
        Assert.True(Official.Describe(Day(2027, 2, 8)).Provisional);
    }

    [Fact]
    public void Provisional_2027_has_every_statutory_holiday_and_no_adjusted_workdays()
    {
        var year = Official.Year(2027);
        Assert.True(year.Provisional);
        Assert.Empty(year.Workdays);
        var off = new[]
        {
            Day(2027, 1, 1),
            Day(2027, 4, 5),
            Day(2027, 5, 3),
            Day(2027, 5, 4), // 1–2 May are a weekend: made up 3–4 May
            ChineseDates.DragonBoat(2027),
            Day(2027, 9, 15),
            Day(2027, 10, 1),
            Day(2027, 10, 4),
            Day(2027, 10, 5), // 2–3 Oct are a weekend: made up 4–5 Oct
        };
        Assert.All(off, d => Assert.False(Official.IsWorkingDay(d), $"{d} should be off"));
        Assert.True(Official.IsWorkingDay(Day(2027, 10, 6)));
        Assert.True(Official.IsWorkingDay(Day(2027, 5, 5)));
    }

    [Fact]
    public void Holiday_on_a_weekend_is_made_up_on_the_next_working_day()
    {
        // 1 Jan 2028 is a Saturday: Monday 3 Jan is off instead.
        Assert.Equal(DayOfWeek.Saturday, Day(2028, 1, 1).DayOfWeek);
        Assert.False(Official.IsWorkingDay(Day(2028, 1, 3)));
        Assert.True(Official.IsWorkingDay(Day(2028, 1, 4)));
    }

    [Fact]
    public void Limit_running_from_late_2026_into_2027_is_provisional_and_skips_new_year()
    {
        // Wed 30 Dec 2026: Thu 31 Dec (1), Fri 1 Jan 2027 off, weekend, Mon 4 Jan (2).
        var due = Official.AddWorkingDays(Local(2026, 12, 30), new WorkingDays(2));
        Assert.Equal(Close(2027, 1, 4), due.Due);
        Assert.True(due.Provisional);
    }

    [Fact]
    public void Limit_that_stays_inside_an_official_year_is_not_provisional()
    {
        Assert.False(Official.AddWorkingDays(Local(2026, 12, 28), new WorkingDays(3)).Provisional);
    }

    [Fact]
    public void Limit_across_provisional_spring_festival_2027_skips_it()
    {
        var due = Official.Add(Local(2027, 2, 4), "1WD");
        Assert.Equal(Close(2027, 2, 11), due.Due);
        Assert.True(due.Provisional);
    }

    [Fact]
    public void When_the_2027_notice_lands_the_due_date_is_recomputed_and_no_longer_provisional()
    {
        // A hypothetical 2027 notice (test data, not the real one): 5–13 Feb off, Sun 14 Feb worked.
        var notice = new CalendarYear
        {
            Year = 2027,
            Source = "hypothetical notice for the test",
            Holidays =
            [
                new CalendarHoliday(
                    "春节",
                    "Spring Festival",
                    [.. Enumerable.Range(5, 9).Select(d => Day(2027, 2, d))]
                ),
            ],
            Workdays = [new AdjustedWorkday(Day(2027, 2, 14), "春节调休上班")],
        };
        var updated = Official.WithYear(notice);
        Assert.Equal([2025, 2026, 2027], updated.OfficialYears);

        var change = DueDateChange.Of(Official, updated, Local(2027, 2, 4), SlaLimit.Parse("1WD"));
        Assert.True(change.Changed);
        Assert.Equal(Close(2027, 2, 11), change.Before.Due);
        Assert.Equal(Close(2027, 2, 14), change.After.Due);
        Assert.False(change.After.Provisional);

        var unaffected = DueDateChange.Of(
            Official,
            updated,
            Local(2027, 3, 1),
            SlaLimit.Parse("1WD")
        );
        Assert.False(unaffected.Changed);
        Assert.True(unaffected.AnyChange); // only the provisional flag went away
    }
}
