// One public holiday of a year with every day off it covers (weekends inside the break included).
namespace Workflows.Engine.Calendar;

/// <summary>A public holiday break (e.g. 春节 Spring Festival) and all its days off.</summary>
/// <param name="Name">The Chinese name, as in the State Council notice.</param>
/// <param name="NameEn">The English name.</param>
/// <param name="Days">Every day off of the break, in order.</param>
public sealed record CalendarHoliday(string Name, string NameEn, IReadOnlyList<DateOnly> Days);
