// Syntax checks for timer and SLA values, independent of the calendar arithmetic that later interprets them.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Validation;

/// <summary>
/// Recognises the textual forms a timer or SLA value may take: ISO 8601 durations (<c>P3D</c>, <c>PT4H</c>),
/// working-day limits (<c>5WD</c>; whole days only, as the calendar counts them), ISO 8601 date-times, repeating intervals (<c>R3/PT1H</c>,
/// <c>R/2026-01-01T09:00:00Z/P1D</c>) and <c>${...}</c> / <c>#{...}</c> expressions evaluated at run time.
/// </summary>
public static partial class TimerValues
{
    /// <summary>True when the value is an expression to be evaluated at run time rather than a literal.</summary>
    public static bool IsExpression(string value) =>
        value.Contains("${", StringComparison.Ordinal)
        || value.Contains("#{", StringComparison.Ordinal);

    /// <summary>True for an ISO 8601 duration with at least one component (a <c>T</c> must be followed by a time component).</summary>
    public static bool IsIsoDuration(string value)
    {
        var match = IsoDurationPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var hasDate =
            match.Groups["y"].Success
            || match.Groups["mo"].Success
            || match.Groups["w"].Success
            || match.Groups["d"].Success;
        var hasTime =
            match.Groups["h"].Success || match.Groups["mi"].Success || match.Groups["s"].Success;
        return (hasDate || hasTime) && (match.Groups["t"].Success == hasTime);
    }

    /// <summary>
    /// True for a working-day limit such as <c>5WD</c>. Half days (<c>0.5WD</c>) are not: the calendar counts whole working
    /// days and refuses them at run time (no clock would start), so they must fail at deployment; write <c>PT4H</c> or <c>0WD</c>.
    /// </summary>
    public static bool IsWorkingDays(string value) => WorkingDaysPattern().IsMatch(value);

    /// <summary>True for an ISO 8601 duration or a working-day limit.</summary>
    public static bool IsDuration(string value) => IsIsoDuration(value) || IsWorkingDays(value);

    /// <summary>True for an ISO 8601 calendar date or date-time (with optional offset) that exists in the calendar.</summary>
    public static bool IsDate(string value) =>
        IsoDatePattern().IsMatch(value)
        && DateTimeOffset.TryParse(
            value,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out _
        );

    /// <summary>True for <c>R[n]/duration</c>, <c>R[n]/start/duration</c> or <c>R[n]/duration/end</c>.</summary>
    public static bool IsCycle(string value)
    {
        var parts = value.Split('/');
        if (parts.Length is < 2 or > 3 || !RepeatPattern().IsMatch(parts[0]))
        {
            return false;
        }

        return parts.Length == 2
            ? IsIsoDuration(parts[1])
            : (IsDate(parts[1]) && IsIsoDuration(parts[2]))
                || (IsIsoDuration(parts[1]) && IsDate(parts[2]));
    }

    /// <summary>True for an SLA warning: a duration or working days before the limit, or a percentage of it (<c>80%</c>).</summary>
    public static bool IsWarning(string value) =>
        IsDuration(value) || PercentPattern().IsMatch(value) || IsExpression(value);

    [GeneratedRegex(
        @"^P(?:(?<y>\d+(?:[.,]\d+)?)Y)?(?:(?<mo>\d+(?:[.,]\d+)?)M)?(?:(?<w>\d+(?:[.,]\d+)?)W)?(?:(?<d>\d+(?:[.,]\d+)?)D)?(?<t>T(?:(?<h>\d+(?:[.,]\d+)?)H)?(?:(?<mi>\d+(?:[.,]\d+)?)M)?(?:(?<s>\d+(?:[.,]\d+)?)S)?)?$",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex IsoDurationPattern();

    [GeneratedRegex(@"^\d+WD$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkingDaysPattern();

    [GeneratedRegex(
        @"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"^R\d*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatPattern();

    [GeneratedRegex(@"^(?:100|[1-9]?\d)%$", RegexOptions.CultureInvariant)]
    private static partial Regex PercentPattern();
}
