namespace Workflows.Server.Application.Dashboard;

/// <summary>Average working days a step took, with its bilingual name.</summary>
public sealed record StepStatsDto(
    string DefinitionKey,
    string? ElementId,
    string? Name,
    string? NameEn,
    double AverageDays,
    int Count
);
