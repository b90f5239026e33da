namespace Workflows.Server.Application.Dashboard;

/// <summary>The answer of <c>GET /api/sla/summary</c>: the period as asked, the total, per bureau (a clock without one under "") and per procedure.</summary>
public sealed record SlaSummaryDto(
    DateTimeOffset? From,
    DateTimeOffset? To,
    SlaStatsDto Total,
    IReadOnlyList<SlaStatsDto> ByBureau,
    IReadOnlyList<SlaStatsDto> ByProcedure
);
