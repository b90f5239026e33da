namespace Workflows.Server.Application.Dashboard;

/// <summary>Filters of the dashboard's open-case list; every part is optional.</summary>
public sealed record OpenClocksFilter(
    string? Level = null,
    string? Bureau = null,
    string? Procedure = null,
    string? Kind = null
);
