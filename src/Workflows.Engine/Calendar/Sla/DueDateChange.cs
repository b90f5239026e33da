// The difference a calendar change makes to a due date (when a new year's notice lands, open clocks are recomputed).
namespace Workflows.Engine.Calendar;

/// <summary>A due date computed on the calendar before and after a change.</summary>
/// <param name="Before">On the old calendar.</param>
/// <param name="After">On the new calendar.</param>
public sealed record DueDateChange(DueDate Before, DueDate After)
{
    /// <summary>True when the due instant moved (the server audits these).</summary>
    public bool Changed => Before.Due != After.Due;

    /// <summary>True when the due instant or the provisional flag changed.</summary>
    public bool AnyChange => Changed || Before.Provisional != After.Provisional;

    /// <summary>Computes a plain limit on two calendars.</summary>
    public static DueDateChange Of(
        WorkingCalendar before,
        WorkingCalendar after,
        DateTimeOffset start,
        SlaLimit limit
    )
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new DueDateChange(before.Add(start, limit), after.Add(start, limit));
    }
}
