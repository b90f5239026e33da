// A weekend day worked in exchange for a longer holiday (调休上班).
namespace Workflows.Engine.Calendar;

/// <summary>A Saturday or Sunday that is a working day (调休上班).</summary>
/// <param name="Date">The day.</param>
/// <param name="Note">Why, e.g. "春节调休上班".</param>
public sealed record AdjustedWorkday(DateOnly Date, string Note);
