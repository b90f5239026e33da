namespace Workflows.Server.Application.Dashboard;

/// <summary>Closed step clocks of one step from one source (rollup days or a range of clocks), summed before averaging.</summary>
internal sealed record StepPart(
    string DefinitionKey,
    string? ElementId,
    int Clocks,
    double WorkingDays,
    string? TaskId
);
