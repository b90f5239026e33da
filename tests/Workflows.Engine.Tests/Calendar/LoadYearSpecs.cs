// Loading a year's official file into a running calendar (the server's shared instance) and replacing it.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class LoadYearSpecs
{
    // Hypothetical 2027 notices (test data, not the real ones).
    private static CalendarYear Notice(int lastDayOff, params int[] workedFebruaryDays) =>
        new()
        {
            Year = 2027,
            Source = "hypothetical notice for the test",
            Holidays =
            [
                new CalendarHoliday(
                    "春节",
                    "Spring Festival",
                    [.. Enumerable.Range(5, lastDayOff - 4).Select(d => Day(2027, 2, d))]
                ),
            ],
            Workdays =
            [
                .. workedFebruaryDays.Select(d => new AdjustedWorkday(
                    Day(2027, 2, d),
                    "春节调休上班"
                )),
            ],
        };

    [Fact]
    public void Loading_a_year_makes_it_official_in_the_same_instance_and_a_correction_replaces_it()
    {
        var calendar = WorkingCalendar.FromDirectory(CalendarDirectory);
        var start = Local(2027, 2, 4);
        Assert.Equal(Close(2027, 2, 15), calendar.Add(start, "3WD").Due);
        Assert.True(calendar.Add(start, "3WD").Provisional);

        calendar.LoadYear(Notice(13, 14));

        Assert.Equal([2025, 2026, 2027], calendar.OfficialYears);
        Assert.False(calendar.IsProvisional(2027));
        var due = calendar.Add(start, "3WD");
        Assert.Equal(Close(2027, 2, 16), due.Due);
        Assert.False(due.Provisional);

        calendar.LoadYear(Notice(10));

        Assert.Equal(Close(2027, 2, 15), calendar.Add(start, "3WD").Due);
        Assert.False(calendar.IsWorkingDay(Day(2027, 2, 14)));
        // The shared fixture is untouched: LoadYear changes only the instance it is called on.
        Assert.True(Official.IsProvisional(2027));
    }

    [Fact]
    public void An_invalid_year_is_refused_and_leaves_the_calendar_as_it_was()
    {
        var calendar = WorkingCalendar.FromDirectory(CalendarDirectory);
        var bad = Notice(13) with
        {
            Workdays =
            [
                new AdjustedWorkday(Day(2027, 2, 10), "a Wednesday cannot be an adjusted workday"),
            ],
        };

        Assert.Throws<InvalidDataException>(() => calendar.LoadYear(bad));

        Assert.True(calendar.IsProvisional(2027));
        Assert.Equal([2025, 2026], calendar.OfficialYears);
    }
}
