// Gregorian dates of the lunar festivals and of the Qingming solar term, for the provisional calendar.
using System.Globalization;

namespace Workflows.Engine.Calendar;

/// <summary>Finds the Gregorian dates of the traditional festivals (supported for 2000–2099).</summary>
public static class ChineseDates
{
    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The first and last years for which the festivals can be computed.</summary>
    public const int MinYear = 2000,
        MaxYear = 2099;

    /// <summary>The Gregorian date of a lunar date (month 1–12, never a leap month) in the lunar year that starts in <paramref name="year"/>.</summary>
    public static DateOnly FromLunar(int year, int month, int day)
    {
        CheckYear(year);
        // GetLeapMonth gives the index of the leap month (e.g. 5 when the leap month follows month 4);
        // every month from that index on sits one index later.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>Lunar New Year (正月初一).</summary>
    public static DateOnly SpringFestival(int year) => FromLunar(year, 1, 1);

    /// <summary>Lunar New Year's Eve (除夕), the last day of the previous lunar year.</summary>
    public static DateOnly SpringFestivalEve(int year) => SpringFestival(year).AddDays(-1);

    /// <summary>Dragon Boat Festival (端午, 5th day of the 5th lunar month).</summary>
    public static DateOnly DragonBoat(int year) => FromLunar(year, 5, 5);

    /// <summary>Mid-Autumn Festival (中秋, 15th day of the 8th lunar month).</summary>
    public static DateOnly MidAutumn(int year) => FromLunar(year, 8, 15);

    /// <summary>The Qingming solar term (清明), 4 or 5 April, by the 21st-century rule floor(Y·0.2422 + 4.81) − floor(Y/4), Y = year mod 100.</summary>
    public static DateOnly Qingming(int year)
    {
        CheckYear(year);
        var y = year % 100;
        var day = (int)Math.Floor(y * 0.2422 + 4.81) - y / 4;
        return new DateOnly(year, 4, day);
    }

    private static void CheckYear(int year)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"Festival dates are computed only for {MinYear}–{MaxYear}."
            );
    }
}
