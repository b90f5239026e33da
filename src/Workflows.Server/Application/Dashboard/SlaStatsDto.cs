namespace Workflows.Server.Application.Dashboard;

/// <summary>
/// SLA statistics of one bureau, one procedure or the total (<c>GET /api/sla/summary</c>): open clocks and how many of
/// them are yellow or red; stopped clocks on time and late; over the stopped clocks with working days used, their average
/// and nearest-rank p90; over those whose limit is whole working days, the average limit and the average saved against it.
/// </summary>
public sealed record SlaStatsDto(
    string Key,
    int Open,
    int Yellow,
    int Red,
    int ClosedOnTime,
    int ClosedLate,
    double? AverageWorkingDaysUsed,
    double? P90WorkingDaysUsed,
    double? AverageLimitWorkingDays,
    double? AverageWorkingDaysSaved
);
