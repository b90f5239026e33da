// A time limit as written in procedure files: working days ("5WD") or an ISO 8601 duration ("PT4H").
namespace Workflows.Engine.Calendar;

/// <summary>
/// A limit (时限): either a whole number of working days (<c>5WD</c>, counted on the calendar, due at close of business)
/// or an ISO 8601 duration (<c>PT4H</c>, <c>P3D</c>: elapsed time, weekends included).
/// </summary>
public readonly record struct SlaLimit
{
    private SlaLimit(WorkingDays? workingDays, IsoDuration? elapsed)
    {
        WorkingDays = workingDays;
        Elapsed = elapsed;
    }

    /// <summary>The working days, when this is a working-day limit.</summary>
    public WorkingDays? WorkingDays { get; }

    /// <summary>The duration, when this is an elapsed-time limit.</summary>
    public IsoDuration? Elapsed { get; }

    /// <summary>True for a working-day limit.</summary>
    public bool IsWorkingDays => WorkingDays.HasValue;

    /// <summary>A working-day limit.</summary>
    public static SlaLimit Of(WorkingDays days) => new(days, null);

    /// <summary>An elapsed-time limit.</summary>
    public static SlaLimit Of(IsoDuration duration) => new(null, duration);

    /// <summary>Parses <c>NWD</c> or an ISO 8601 duration.</summary>
    /// <exception cref="FormatException">Neither form; the message says what was expected.</exception>
    public static SlaLimit Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException(
                "A limit is empty: expected working days such as '5WD' or an ISO 8601 duration such as 'PT4H'."
            );
        if (Calendar.WorkingDays.LooksLikeWorkingDays(text))
            return Of(Calendar.WorkingDays.Parse(text));
        if (IsoDuration.LooksLikeDuration(text))
            return IsoDuration.TryParse(text, out var duration)
                ? Of(duration)
                : throw new FormatException(
                    $"'{text}' is not a valid ISO 8601 duration: expected e.g. 'PT4H', 'PT30M', 'P3D', 'P1W', 'P1DT2H', or working days such as '5WD'."
                );
        throw new FormatException(
            $"'{text}' is not a limit: expected working days such as '5WD' or an ISO 8601 duration such as 'PT4H', 'P3D', 'P1DT2H'."
        );
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out SlaLimit result)
    {
        result = default;
        if (text is null)
            return false;
        if (Calendar.WorkingDays.TryParse(text, out var days))
        {
            result = Of(days);
            return true;
        }
        if (IsoDuration.TryParse(text, out var duration))
        {
            result = Of(duration);
            return true;
        }
        return false;
    }

    /// <summary>The canonical text, e.g. <c>5WD</c> or <c>PT4H</c>.</summary>
    public override string ToString() => WorkingDays?.ToString() ?? Elapsed?.ToString() ?? "0WD";
}
