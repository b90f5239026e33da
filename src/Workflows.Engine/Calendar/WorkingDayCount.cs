// A count of working days between two days, with the provisional flag.
namespace Workflows.Engine.Calendar;

/// <summary>How many working days lie in a span.</summary>
/// <param name="Days">The working days counted.</param>
/// <param name="Provisional">True when a day of a year with no official calendar file was counted or skipped.</param>
public readonly record struct WorkingDayCount(WorkingDays Days, bool Provisional);
