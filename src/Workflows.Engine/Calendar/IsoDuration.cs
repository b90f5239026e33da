// ISO 8601 durations (PT4H, P3D, P1W, P1DT2H, P1M) as used by BPMN timers and elapsed-time SLA limits.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Calendar;

/// <summary>
/// An ISO 8601 duration, counted as elapsed time: weeks, days, hours, minutes and seconds are exact (a day is 24 hours),
/// years and months move the calendar date in the office's time zone (<c>P1M</c> from 31 Jan is 28/29 Feb).
/// </summary>
public readonly partial record struct IsoDuration
{
    /// <summary>Creates a duration from its calendar and exact parts.</summary>
    public IsoDuration(int years, int months, TimeSpan exact)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        if (exact < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(exact), "A duration is never negative.");
        Years = years;
        Months = months;
        Exact = exact;
    }

    /// <summary>Calendar years (<c>nY</c>).</summary>
    public int Years { get; }

    /// <summary>Calendar months (<c>nM</c> before <c>T</c>).</summary>
    public int Months { get; }

    /// <summary>Weeks, days and time together, as exact elapsed time.</summary>
    public TimeSpan Exact { get; }

    /// <summary>Adds the duration to an instant; years and months are applied to the local date in <paramref name="zone"/>.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start, TimeZoneInfo zone)
    {
        var result = start;
        if (Years != 0 || Months != 0)
        {
            var local = TimeZoneInfo
                .ConvertTime(start, zone)
                .DateTime.AddYears(Years)
                .AddMonths(Months);
            result = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        return result + Exact;
    }

    /// <summary>Subtracts the duration from an instant (used for warnings "this long before due").</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end, TimeZoneInfo zone)
    {
        var result = end - Exact;
        if (Years != 0 || Months != 0)
        {
            var local = TimeZoneInfo
                .ConvertTime(result, zone)
                .DateTime.AddYears(-Years)
                .AddMonths(-Months);
            result = new DateTimeOffset(local, zone.GetUtcOffset(local));
        }
        return result;
    }

    /// <summary>True when the text has the shape of an ISO 8601 duration (starts with <c>P</c>).</summary>
    public static bool LooksLikeDuration(string text) =>
        text.TrimStart().StartsWith('P') || text.TrimStart().StartsWith('p');

    /// <summary>Parses <c>PnYnMnWnDTnHnMnS</c>; every part optional but at least one present; decimals allowed from days on.</summary>
    /// <exception cref="FormatException">The text is not such a duration (negative durations are rejected too).</exception>
    public static IsoDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParse(text, out var result))
            return result;
        throw new FormatException(
            $"'{text}' is not an ISO 8601 duration: expected e.g. 'PT4H', 'PT30M', 'P3D', 'P1W' or 'P1DT2H'."
        );
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out IsoDuration result)
    {
        result = default;
        if (text is null)
            return false;
        var m = Form().Match(text.Trim().ToUpperInvariant());
        if (!m.Success)
            return false;
        var hasDate =
            m.Groups["y"].Success
            || m.Groups["mo"].Success
            || m.Groups["w"].Success
            || m.Groups["d"].Success;
        var hasTime = m.Groups["h"].Success || m.Groups["mi"].Success || m.Groups["s"].Success;
        if (!hasDate && !hasTime)
            return false;
        if (m.Groups["t"].Success && !hasTime)
            return false;
        try
        {
            var exact =
                TimeSpan.FromDays(7 * Number(m, "w"))
                + TimeSpan.FromDays(Number(m, "d"))
                + TimeSpan.FromHours(Number(m, "h"))
                + TimeSpan.FromMinutes(Number(m, "mi"))
                + TimeSpan.FromSeconds(Number(m, "s"));
            result = new IsoDuration((int)Number(m, "y"), (int)Number(m, "mo"), exact);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The canonical ISO 8601 form, e.g. <c>P1DT2H</c>.</summary>
    public override string ToString()
    {
        var s = new System.Text.StringBuilder("P");
        if (Years != 0)
            s.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        if (Months != 0)
            s.Append(CultureInfo.InvariantCulture, $"{Months}M");
        if (Exact.Days != 0)
            s.Append(CultureInfo.InvariantCulture, $"{Exact.Days}D");
        var time = Exact - TimeSpan.FromDays(Exact.Days);
        if (time != TimeSpan.Zero)
        {
            s.Append('T');
            if (time.Hours != 0)
                s.Append(CultureInfo.InvariantCulture, $"{time.Hours}H");
            if (time.Minutes != 0)
                s.Append(CultureInfo.InvariantCulture, $"{time.Minutes}M");
            var seconds = time.Seconds + time.Milliseconds / 1000m;
            if (seconds != 0)
                s.Append(CultureInfo.InvariantCulture, $"{seconds}S");
        }
        return s.Length == 1 ? "PT0S" : s.ToString();
    }

    private static double Number(Match m, string group) =>
        m.Groups[group].Success
            ? double.Parse(
                m.Groups[group].Value.Replace(',', '.'),
                NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture
            )
            : 0;

    [GeneratedRegex(
        @"^P(?:(?<y>\d{1,4})Y)?(?:(?<mo>\d{1,5})M)?(?:(?<w>\d{1,5})W)?(?:(?<d>\d{1,6}(?:[.,]\d+)?)D)?(?<t>T(?:(?<h>\d{1,7}(?:[.,]\d+)?)H)?(?:(?<mi>\d{1,9}(?:[.,]\d+)?)M)?(?:(?<s>\d{1,10}(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Form();
}
