namespace Workflows.Server.Application.Dashboard;

/// <summary>Closed case clocks of a procedure: on time, late, working days used against the committed limit (median, p90, average saved).</summary>
public sealed record ProcedureStatsDto(
    string Key,
    int OnTime,
    int Late,
    double? LimitDays,
    double? Median,
    double? P90,
    double? AverageSaved
);
