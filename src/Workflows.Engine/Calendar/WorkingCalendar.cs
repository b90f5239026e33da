// The working-day calendar: official years from workflows/calendars, provisional years computed, SLA arithmetic on top.
using System.Collections.Concurrent;

namespace Workflows.Engine.Calendar;

/// <summary>
/// The office's working-day calendar (工作日历). A day is a working day when it is an adjusted workday (调休上班), or a
/// Monday–Friday that is not a holiday. Years with an official file use it; any other year (2000–2099) is computed by
/// <see cref="ProvisionalCalendar"/> and every result that looked at such a year says <c>Provisional</c>.
/// Safe to share between threads. When a year's official file lands, <see cref="WithYear"/> builds a new calendar, and
/// <see cref="LoadYear"/> swaps the year into this one (a running server, whose services all hold this instance).
/// </summary>
public sealed class WorkingCalendar : IBusinessCalendar
{
    private readonly Lock _gate = new();

    // Replaced as a whole (never mutated), so a reader sees either the old or the new set of official years.
    private volatile IReadOnlyDictionary<int, YearTable> _official;
    private readonly ConcurrentDictionary<int, YearTable> _provisional = new();

    /// <summary>Builds a calendar from official years (in memory, e.g. for tests) and options.</summary>
    /// <exception cref="ArgumentException">Two entries hold the same year.</exception>
    /// <exception cref="InvalidDataException">A year fails <see cref="CalendarYear.Validate"/>.</exception>
    public WorkingCalendar(IEnumerable<CalendarYear> officialYears, CalendarOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(officialYears);
        Options = options ?? CalendarOptions.Default;
        var tables = new Dictionary<int, YearTable>();
        foreach (var year in officialYears)
        {
            year.Validate();
            if (!tables.TryAdd(year.Year, new YearTable(year with { Provisional = false })))
                throw new ArgumentException(
                    $"Year {year.Year} is given twice.",
                    nameof(officialYears)
                );
        }
        _official = tables;
    }

    /// <summary>Loads every <c>*.json</c> of a directory (e.g. <c>workflows/calendars</c>).</summary>
    public static WorkingCalendar FromDirectory(
        string directory,
        CalendarOptions? options = null
    ) => new(CalendarLoader.LoadDirectory(directory), options);

    /// <summary>The time zone and close of business.</summary>
    public CalendarOptions Options { get; }

    /// <summary>The years that have an official file, ascending.</summary>
    public IReadOnlyList<int> OfficialYears => [.. _official.Keys.Order()];

    /// <summary>A new calendar with <paramref name="year"/> added, or replacing the same year (when its notice lands).</summary>
    public WorkingCalendar WithYear(CalendarYear year) =>
        new(
            _official.Values.Select(t => t.Year).Where(y => y.Year != year.Year).Append(year),
            Options
        );

    /// <summary>
    /// Makes <paramref name="year"/> official in this calendar, adding it or replacing the same year (its notice was
    /// published, or corrected). Results computed before stay as they were: callers recompute what depended on the year.
    /// </summary>
    /// <exception cref="InvalidDataException">The year fails <see cref="CalendarYear.Validate"/>.</exception>
    public void LoadYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        year.Validate();
        lock (_gate)
        {
            _official = new Dictionary<int, YearTable>(_official)
            {
                [year.Year] = new YearTable(year with { Provisional = false }),
            };
        }
    }

    /// <summary>True when <paramref name="year"/> has no official file and is computed provisionally.</summary>
    public bool IsProvisional(int year) => !_official.ContainsKey(year);

    /// <summary>The official or provisional data of a year.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No file and outside the provisional range (2000–2099).</exception>
    public CalendarYear Year(int year) => Table(year).Year;

    /// <summary>True when the office works on <paramref name="day"/>; use <see cref="Describe"/> for the provisional flag.</summary>
    public bool IsWorkingDay(DateOnly day) => Table(day.Year).IsWorkingDay(day);

    /// <summary>Everything the calendar knows about one day: working or not, provisional or not, which holiday or adjusted workday.</summary>
    public WorkingDayInfo Describe(DateOnly day)
    {
        var table = Table(day.Year);
        table.Off.TryGetValue(day, out var holiday);
        table.Worked.TryGetValue(day, out var workday);
        return new WorkingDayInfo(
            day,
            table.IsWorkingDay(day),
            table.Year.Provisional,
            holiday,
            workday
        );
    }

    /// <summary>The office-local day of an instant.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(ToOffice(instant).DateTime);

    /// <summary>An instant expressed in the office's time zone.</summary>
    public DateTimeOffset ToOffice(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Options.TimeZone);

    /// <summary>The close of business of <paramref name="day"/> in the office's time zone (whether or not it is a working day).</summary>
    public DateTimeOffset CloseOf(DateOnly day)
    {
        var local = day.ToDateTime(Options.CloseOfBusiness);
        return new DateTimeOffset(local, Options.TimeZone.GetUtcOffset(local));
    }

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="start"/>: the start day is not counted, whatever it is
    /// (a holiday start simply counts from the next working day). For 0WD: the start day if it is a working day, else
    /// the next working day.
    /// </summary>
    public WorkingDate AddWorkingDays(DateOnly start, WorkingDays n)
    {
        var provisional = false;
        var day = start;
        if (n.Value == 0)
        {
            provisional |= IsProvisional(day.Year);
            if (IsWorkingDay(day))
                return new WorkingDate(day, provisional);
        }
        var remaining = Math.Max(n.Value, 1);
        while (remaining > 0)
        {
            day = day.AddDays(1);
            provisional |= IsProvisional(day.Year);
            if (IsWorkingDay(day))
                remaining--;
        }
        return new WorkingDate(day, provisional);
    }

    /// <summary>
    /// The due moment of a working-day limit started at <paramref name="start"/>: the close of business of the
    /// <paramref name="n"/>-th working day after the start's local day (the start day is not counted, even when the
    /// clock starts on a holiday, a weekend, or after close of business). 0WD: the close of the start day when it is a
    /// working day and the start is not after its close; otherwise the close of the next working day.
    /// </summary>
    public DueDate AddWorkingDays(DateTimeOffset start, WorkingDays n)
    {
        var startDay = LocalDay(start);
        if (n.Value == 0 && IsWorkingDay(startDay) && start > CloseOf(startDay))
        {
            var next = AddWorkingDays(startDay, new WorkingDays(1));
            return new DueDate(CloseOf(next.Day), next.Provisional || IsProvisional(startDay.Year));
        }
        var due = AddWorkingDays(startDay, n);
        return new DueDate(CloseOf(due.Day), due.Provisional);
    }

    /// <summary>The <paramref name="n"/>-th working day before <paramref name="day"/> (<paramref name="day"/> itself not counted); 0WD gives the day itself.</summary>
    public WorkingDate SubtractWorkingDays(DateOnly day, WorkingDays n)
    {
        var provisional = false;
        var remaining = n.Value;
        while (remaining > 0)
        {
            day = day.AddDays(-1);
            provisional |= IsProvisional(day.Year);
            if (IsWorkingDay(day))
                remaining--;
        }
        return new WorkingDate(day, provisional);
    }

    /// <summary>The working days <c>d</c> with <paramref name="from"/> &lt; d ≤ <paramref name="to"/> (the start day is not counted); zero when <paramref name="to"/> ≤ <paramref name="from"/>.</summary>
    public WorkingDayCount CountWorkingDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        var provisional = false;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            provisional |= IsProvisional(day.Year);
            if (IsWorkingDay(day))
                count++;
        }
        return new WorkingDayCount(new WorkingDays(count), provisional);
    }

    /// <summary>Counts between the office-local days of two instants (see <see cref="CountWorkingDays(DateOnly, DateOnly)"/>): a working day in progress counts as used.</summary>
    public WorkingDayCount CountWorkingDays(DateTimeOffset from, DateTimeOffset to) =>
        CountWorkingDays(LocalDay(from), LocalDay(to));

    /// <summary>Adds a parsed limit: working days as in <see cref="AddWorkingDays(DateTimeOffset, WorkingDays)"/>, durations as elapsed time.</summary>
    public DueDate Add(DateTimeOffset start, SlaLimit limit)
    {
        if (limit.WorkingDays is { } days)
            return AddWorkingDays(start, days);
        var duration = limit.Elapsed ?? default;
        return new DueDate(ToOffice(duration.AddTo(start, Options.TimeZone)), false);
    }

    /// <inheritdoc />
    public DueDate Add(DateTimeOffset start, string limit) => Add(start, SlaLimit.Parse(limit));

    private YearTable Table(int year) =>
        _official.TryGetValue(year, out var table)
            ? table
            : _provisional.GetOrAdd(year, y => new YearTable(ProvisionalCalendar.ForYear(y)));

    private sealed class YearTable
    {
        public YearTable(CalendarYear year)
        {
            Year = year;
            foreach (var holiday in year.Holidays)
            foreach (var day in holiday.Days)
                Off.TryAdd(day, holiday);
            foreach (var workday in year.Workdays)
                Worked[workday.Date] = workday;
        }

        public CalendarYear Year { get; }

        public Dictionary<DateOnly, CalendarHoliday> Off { get; } = [];

        public Dictionary<DateOnly, AdjustedWorkday> Worked { get; } = [];

        public bool IsWorkingDay(DateOnly day) =>
            Worked.ContainsKey(day)
            || (
                day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
                && !Off.ContainsKey(day)
            );
    }
}
