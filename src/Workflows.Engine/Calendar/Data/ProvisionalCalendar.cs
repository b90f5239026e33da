// The calendar of a year whose State Council notice is not out yet: statutory holidays only, no adjusted workdays.
namespace Workflows.Engine.Calendar;

/// <summary>
/// Computes a provisional <see cref="CalendarYear"/> from the 2024 holiday regulation (全国年节及纪念日放假办法):
/// New Year 1 Jan; Spring Festival eve and the first three lunar days; Qingming; Labour Day 1–2 May; Dragon Boat;
/// Mid-Autumn; National Day 1–3 Oct. A statutory day on a Saturday or Sunday is made up on the next weekday that is not
/// already off. Adjusted working weekends cannot be foreseen and are not guessed.
/// </summary>
public static class ProvisionalCalendar
{
    /// <summary>The provisional calendar of <paramref name="year"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside <see cref="ChineseDates.MinYear"/>–<see cref="ChineseDates.MaxYear"/>.</exception>
    public static CalendarYear ForYear(int year)
    {
        var eve = ChineseDates.SpringFestivalEve(year);
        var statutory = new List<(string Name, string NameEn, DateOnly[] Days)>
        {
            ("元旦", "New Year's Day", [new DateOnly(year, 1, 1)]),
            ("春节", "Spring Festival", [eve, eve.AddDays(1), eve.AddDays(2), eve.AddDays(3)]),
            ("清明节", "Qingming Festival", [ChineseDates.Qingming(year)]),
            ("劳动节", "Labour Day", [new DateOnly(year, 5, 1), new DateOnly(year, 5, 2)]),
            ("端午节", "Dragon Boat Festival", [ChineseDates.DragonBoat(year)]),
            ("中秋节", "Mid-Autumn Festival", [ChineseDates.MidAutumn(year)]),
            (
                "国庆节",
                "National Day",
                [new DateOnly(year, 10, 1), new DateOnly(year, 10, 2), new DateOnly(year, 10, 3)]
            ),
        };

        // A day that two festivals share (Mid-Autumn on 1–3 Oct) is one day off: the later festival keeps what is left.
        var off = new HashSet<DateOnly>();
        var breaks = new List<(string Name, string NameEn, SortedSet<DateOnly> Days)>();
        foreach (var (name, nameEn, days) in statutory)
        {
            var own = new SortedSet<DateOnly>(days.Where(off.Add));
            if (own.Count > 0)
                breaks.Add((name, nameEn, own));
        }

        // Make-up days, in date order so that consecutive weekend days get consecutive make-up days.
        foreach (var (_, _, days) in breaks.OrderBy(b => b.Days.Min))
        {
            foreach (var day in days.Where(IsWeekend).ToList())
            {
                var makeUp = day.AddDays(1);
                while (IsWeekend(makeUp) || off.Contains(makeUp))
                    makeUp = makeUp.AddDays(1);
                off.Add(makeUp);
                days.Add(makeUp);
            }
        }

        return new CalendarYear
        {
            Year = year,
            Source =
                $"Provisional: statutory holidays of the 2024 regulation; no State Council notice for {year} loaded, adjusted workdays unknown.",
            Provisional = true,
            Holidays =
            [
                .. breaks.Select(b => new CalendarHoliday(b.Name, b.NameEn, FillBreak(b.Days))),
            ],
        };
    }

    private static bool IsWeekend(DateOnly day) =>
        day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    // Weekend days inside a break are listed too, so that the break reads as one run of days off.
    private static DateOnly[] FillBreak(SortedSet<DateOnly> days)
    {
        var all = new SortedSet<DateOnly>(days);
        for (var d = days.Min; d < days.Max; d = d.AddDays(1))
            if (IsWeekend(d))
                all.Add(d);
        return [.. all];
    }
}
