// The JSON shape of workflows/calendars/*.json (see the README.md there).
using System.Text.Json.Serialization;

namespace Workflows.Engine.Calendar;

/// <summary>The JSON document of one official calendar year, as stored in <c>workflows/calendars/cn-YYYY.json</c>.</summary>
public sealed class CalendarFile
{
    /// <summary>The Gregorian year.</summary>
    [JsonPropertyName("year")]
    public int Year { get; set; }

    /// <summary>The notice the data was taken from.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>Holiday breaks: each with <c>days</c>, or <c>from</c>/<c>to</c> (inclusive), or both.</summary>
    [JsonPropertyName("holidays")]
    public List<HolidayEntry> Holidays { get; set; } = [];

    /// <summary>Adjusted working weekend days.</summary>
    [JsonPropertyName("workdays")]
    public List<WorkdayEntry> Workdays { get; set; } = [];

    /// <summary>One holiday break in the file.</summary>
    public sealed class HolidayEntry
    {
        /// <summary>Chinese name.</summary>
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        /// <summary>English name.</summary>
        [JsonPropertyName("nameEn")]
        public string? NameEn { get; set; }

        /// <summary>First day off (inclusive), with <see cref="To"/>.</summary>
        [JsonPropertyName("from")]
        public DateOnly? From { get; set; }

        /// <summary>Last day off (inclusive), with <see cref="From"/>.</summary>
        [JsonPropertyName("to")]
        public DateOnly? To { get; set; }

        /// <summary>Days off listed one by one.</summary>
        [JsonPropertyName("days")]
        public List<DateOnly>? Days { get; set; }
    }

    /// <summary>One adjusted workday in the file.</summary>
    public sealed class WorkdayEntry
    {
        /// <summary>The weekend day that is worked.</summary>
        [JsonPropertyName("date")]
        public DateOnly Date { get; set; }

        /// <summary>Why.</summary>
        [JsonPropertyName("note")]
        public string? Note { get; set; }
    }

    /// <summary>Converts to a validated <see cref="CalendarYear"/>.</summary>
    /// <exception cref="InvalidDataException">Missing names, a bad range, or a failed <see cref="CalendarYear.Validate"/>.</exception>
    public CalendarYear ToCalendarYear()
    {
        if (Year is < 1900 or > 2200)
            throw new InvalidDataException($"'year' {Year} is missing or out of range.");
        var holidays = new List<CalendarHoliday>();
        foreach (var entry in Holidays)
        {
            var name =
                entry.Name
                ?? entry.NameEn
                ?? throw new InvalidDataException($"{Year}: a holiday has no name.");
            var days = new SortedSet<DateOnly>(entry.Days ?? []);
            if (entry.From.HasValue != entry.To.HasValue)
                throw new InvalidDataException(
                    $"{Year}: holiday '{name}' needs both 'from' and 'to'."
                );
            if (entry.From is { } from && entry.To is { } to)
            {
                if (to < from)
                    throw new InvalidDataException(
                        $"{Year}: holiday '{name}' ends before it starts."
                    );
                for (var d = from; d <= to; d = d.AddDays(1))
                    days.Add(d);
            }
            holidays.Add(new CalendarHoliday(name, entry.NameEn ?? name, [.. days]));
        }
        var year = new CalendarYear
        {
            Year = Year,
            Source = Source ?? "(no source given)",
            Holidays = holidays,
            Workdays = [.. Workdays.Select(w => new AdjustedWorkday(w.Date, w.Note ?? ""))],
        };
        year.Validate();
        return year;
    }
}
