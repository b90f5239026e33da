namespace Workflows.Server.Application.Dashboard;

/// <summary>Everything the dashboard's six charts show.</summary>
public sealed record AggregatesDto(
    IReadOnlyList<CountDto> OpenByBureauLevel,
    IReadOnlyList<CountDto> BreachesByDay,
    IReadOnlyList<ProcedureStatsDto> ByProcedure,
    IReadOnlyList<StepStatsDto> SlowestSteps
);
