// Simulated courier dispatch (邮寄送达) through the postal EMS government-document service.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated courier dispatch (邮寄送达): hands the documents to the courier for the applicant's address.</summary>
public sealed class SimulatedCourierDispatch(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.courier-dispatch";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["dispatched"] = true,
            ["trackingNumber"] = Reference("EMS", context),
            ["courierAddress"] = Text(context, "courierAddress"),
        };
}
