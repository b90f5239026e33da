// Simulated identity check against the exit-entry and population registers.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated identity verification (身份核验): answers that the applicant's passport identity is verified.</summary>
public sealed class SimulatedIdentityCheck(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.identity-check";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new() { ["identityVerified"] = true, ["identityReference"] = Reference("ID", context) };
}
