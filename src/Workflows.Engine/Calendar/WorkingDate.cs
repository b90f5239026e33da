// A day found by working-day arithmetic, with the flag saying whether a provisional year was involved.
namespace Workflows.Engine.Calendar;

/// <summary>A calendar day computed by working-day arithmetic.</summary>
/// <param name="Day">The day.</param>
/// <param name="Provisional">True when a day of a year with no official calendar file was looked at.</param>
public readonly record struct WorkingDate(DateOnly Day, bool Provisional);
