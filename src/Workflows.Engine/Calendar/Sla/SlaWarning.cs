// When a clock turns yellow: a lead before due in working days ("1WD"), a share of the limit ("80%"), or a duration ("PT2H").
using System.Globalization;

namespace Workflows.Engine.Calendar;

/// <summary>
/// The warning threshold of a clock (<c>wf:slaWarning</c>): <c>NWD</c> = yellow from the close of the N-th working day
/// before the due day; <c>P%</c> = yellow once P percent of the limit is used; an ISO 8601 duration = yellow that long
/// before due.
/// </summary>
public readonly record struct SlaWarning
{
    private SlaWarning(WorkingDays? lead, int? percent, IsoDuration? before)
    {
        Lead = lead;
        Percent = percent;
        Before = before;
    }

    /// <summary>The default: one working day before due.</summary>
    public static SlaWarning Default { get; } = new(new WorkingDays(1), null, null);

    /// <summary>Working days before the due day, for <c>NWD</c>.</summary>
    public WorkingDays? Lead { get; }

    /// <summary>Percent of the limit (0–100), for <c>P%</c>.</summary>
    public int? Percent { get; }

    /// <summary>Elapsed time before due, for an ISO 8601 duration.</summary>
    public IsoDuration? Before { get; }

    /// <summary>Parses <c>NWD</c>, <c>P%</c> (whole percent, 0–100) or an ISO 8601 duration; null or blank gives <see cref="Default"/>.</summary>
    /// <exception cref="FormatException">None of these forms.</exception>
    public static SlaWarning Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Default;
        var trimmed = text.Trim();
        if (trimmed.EndsWith('%'))
        {
            if (
                int.TryParse(
                    trimmed[..^1].Trim(),
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var p
                )
                && p <= 100
            )
                return new SlaWarning(null, p, null);
            throw new FormatException(
                $"'{text}' is not a warning percentage: expected a whole percent from 0% to 100%, e.g. '80%'."
            );
        }
        if (WorkingDays.LooksLikeWorkingDays(trimmed))
            return new SlaWarning(WorkingDays.Parse(trimmed), null, null);
        if (IsoDuration.LooksLikeDuration(trimmed))
            return new SlaWarning(null, null, IsoDuration.Parse(trimmed));
        throw new FormatException(
            $"'{text}' is not a warning threshold: expected working days before due ('1WD'), a share of the limit ('80%') or an ISO 8601 duration ('PT2H')."
        );
    }

    /// <summary>
    /// The moment the clock turns yellow, never before <paramref name="start"/>. A percentage of a working-day limit of
    /// L days turns yellow at the close of working day floor(L·P/100), i.e. a lead of L − floor(L·P/100) working days
    /// before the due day (rounding warns early); of an elapsed limit, that share of its length before due.
    /// </summary>
    public DateTimeOffset WarningAt(
        WorkingCalendar calendar,
        DateTimeOffset start,
        DateTimeOffset due,
        SlaLimit limit
    )
    {
        ArgumentNullException.ThrowIfNull(calendar);
        DateTimeOffset at;
        if (Before is { } before)
            at = before.SubtractFrom(due, calendar.Options.TimeZone);
        else if (Percent is { } percent && limit.Elapsed is { } elapsed)
            at =
                due
                - (elapsed.AddTo(start, calendar.Options.TimeZone) - start)
                    * ((100 - percent) / 100.0);
        else
        {
            var lead =
                Lead
                ?? (
                    Percent is { } share && limit.WorkingDays is { } days
                        ? new WorkingDays(days.Value - days.Value * share / 100)
                        : new WorkingDays(1)
                );
            at = calendar.CloseOf(calendar.SubtractWorkingDays(calendar.LocalDay(due), lead).Day);
            if (at > due)
                at = due;
        }
        return calendar.ToOffice(at < start ? start : at);
    }

    /// <summary>The canonical text, e.g. <c>1WD</c>, <c>80%</c>, <c>PT2H</c>.</summary>
    public override string ToString() =>
        Percent is { } p
            ? p.ToString(CultureInfo.InvariantCulture) + "%"
            : Before?.ToString() ?? (Lead ?? new WorkingDays(1)).ToString();
}
