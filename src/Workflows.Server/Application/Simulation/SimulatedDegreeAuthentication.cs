// Simulated degree authentication (学历学位认证) by the national service centre for scholarly exchange.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated degree authentication (学历学位认证): authenticates the degree; configure error:degree-not-authenticated to refuse.</summary>
public sealed class SimulatedDegreeAuthentication(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.degree-authentication";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["degreeAuthenticated"] = true,
            ["degreeCertificateNumber"] = Reference("CSCSE", context),
        };
}
