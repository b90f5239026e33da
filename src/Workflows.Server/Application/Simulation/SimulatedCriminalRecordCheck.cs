// Simulated check of the criminal record certificate (无犯罪记录证明) with its issuing authority.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated criminal record check (无犯罪记录核查): answers that the certificate is genuine and clear.</summary>
public sealed class SimulatedCriminalRecordCheck(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.criminal-record-check";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["criminalRecordClear"] = true,
            ["criminalRecordReference"] = Reference("CRC", context),
        };
}
