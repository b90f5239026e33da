// Simulated real-estate registry query (不动产登记查询) for the talent apartment housing check.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated housing registry (不动产登记查询): answers that the applicant owns no home in the city.</summary>
public sealed class SimulatedHousingRegistry(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.housing-registry";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new() { ["housingChecked"] = true, ["ownsHome"] = false };
}
