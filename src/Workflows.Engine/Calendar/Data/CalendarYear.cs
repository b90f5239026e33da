// The holidays and adjusted workdays of one year: from an official file, or computed provisionally.
namespace Workflows.Engine.Calendar;

/// <summary>One year of the working calendar.</summary>
public sealed record CalendarYear
{
    /// <summary>The Gregorian year.</summary>
    public required int Year { get; init; }

    /// <summary>Where the data comes from (the State Council notice), or why it is provisional.</summary>
    public required string Source { get; init; }

    /// <summary>True when computed from the statutory rules because no official notice was loaded.</summary>
    public bool Provisional { get; init; }

    /// <summary>The holiday breaks with every day off.</summary>
    public IReadOnlyList<CalendarHoliday> Holidays { get; init; } = [];

    /// <summary>Weekend days that are worked (调休上班).</summary>
    public IReadOnlyList<AdjustedWorkday> Workdays { get; init; } = [];

    /// <summary>Checks that every day lies in <see cref="Year"/>, adjusted workdays are weekend days and no day is both.</summary>
    /// <exception cref="InvalidDataException">The first problem found.</exception>
    public void Validate()
    {
        var off = new HashSet<DateOnly>();
        foreach (var holiday in Holidays)
        {
            if (holiday.Days.Count == 0)
                throw new InvalidDataException($"{Year}: holiday '{holiday.NameEn}' has no days.");
            foreach (var day in holiday.Days)
            {
                if (day.Year != Year)
                    throw new InvalidDataException(
                        $"{Year}: holiday '{holiday.NameEn}' has {day:yyyy-MM-dd}, outside the year."
                    );
                if (!off.Add(day))
                    throw new InvalidDataException(
                        $"{Year}: {day:yyyy-MM-dd} is listed twice as a holiday."
                    );
            }
        }
        var worked = new HashSet<DateOnly>();
        foreach (var workday in Workdays)
        {
            var d = workday.Date;
            if (d.Year != Year)
                throw new InvalidDataException(
                    $"{Year}: adjusted workday {d:yyyy-MM-dd} is outside the year."
                );
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new InvalidDataException(
                    $"{Year}: adjusted workday {d:yyyy-MM-dd} is a {d.DayOfWeek}, not a weekend day."
                );
            if (off.Contains(d))
                throw new InvalidDataException(
                    $"{Year}: {d:yyyy-MM-dd} is both a holiday and an adjusted workday."
                );
            if (!worked.Add(d))
                throw new InvalidDataException(
                    $"{Year}: adjusted workday {d:yyyy-MM-dd} is listed twice."
                );
        }
    }
}
