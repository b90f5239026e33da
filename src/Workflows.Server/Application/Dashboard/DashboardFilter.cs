// The dashboard's filters: a period (by when a clock started or a breach happened), a bureau and a procedure.
namespace Workflows.Server.Application.Dashboard;

/// <summary>What the manager chose above the charts; every part is optional.</summary>
/// <param name="From">Inclusive start of the period (clocks started, breaches happened), any offset.</param>
/// <param name="To">Exclusive end of the period.</param>
/// <param name="Bureau">A bureau code, or null for every bureau in the user's scope.</param>
/// <param name="Procedure">A definition key, or null for every procedure.</param>
public sealed record DashboardFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Bureau = null,
    string? Procedure = null
);
