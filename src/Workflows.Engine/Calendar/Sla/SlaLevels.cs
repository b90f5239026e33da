// The rule that turns a due moment and a warning moment into green, yellow or red.
namespace Workflows.Engine.Calendar;

/// <summary>Level arithmetic shared by clocks and one-off checks.</summary>
public static class SlaLevels
{
    /// <summary>Red after <paramref name="due"/> (the due moment itself is still on time), yellow from <paramref name="warningAt"/>, else green.</summary>
    public static SlaLevel At(DateTimeOffset at, DateTimeOffset warningAt, DateTimeOffset due) =>
        at > due ? SlaLevel.Red
        : at >= warningAt ? SlaLevel.Yellow
        : SlaLevel.Green;

    /// <summary>The level at <paramref name="at"/> of a limit started at <paramref name="start"/> with no pauses.</summary>
    public static SlaLevel At(
        WorkingCalendar calendar,
        DateTimeOffset start,
        SlaLimit limit,
        SlaWarning warning,
        DateTimeOffset at
    )
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var due = calendar.Add(start, limit).Due;
        return At(at, warning.WarningAt(calendar, start, due, limit), due);
    }
}
