namespace Workflows.Engine.Calendar;

/// <summary>
/// Working-day arithmetic on the official calendar (see <c>workflows/calendars/</c>): used by the interpreter for
/// timers and due dates written as working days (<c>5WD</c>), and by the host for SLA clocks.
/// </summary>
public interface IBusinessCalendar
{
    /// <summary>
    /// Adds a limit to an instant. Working days: the start day is not counted and the result is the close of business
    /// of the last working day in the office's time zone. ISO 8601 durations: elapsed time.
    /// </summary>
    /// <exception cref="FormatException">The limit is neither <c>NWD</c> nor an ISO 8601 duration.</exception>
    DueDate Add(DateTimeOffset start, string limit);
}

/// <summary>A computed due moment.</summary>
/// <param name="Due">The due instant, in the office's time zone.</param>
/// <param name="Provisional">True when a year with no official calendar file was involved.</param>
public readonly record struct DueDate(DateTimeOffset Due, bool Provisional);
