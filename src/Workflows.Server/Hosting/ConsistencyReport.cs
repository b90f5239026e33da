// What one consistency check found and, with --repair, fixed.
namespace Workflows.Server.Hosting;

/// <summary>The findings of one run of <see cref="ConsistencyChecker"/>.</summary>
public sealed record ConsistencyReport(
    int InstancesChecked,
    IReadOnlyList<ConsistencyFinding> Findings
)
{
    /// <summary>True when nothing is left inconsistent (no finding, or every finding repaired).</summary>
    public bool Consistent => Findings.All(f => f.Repaired);
}
