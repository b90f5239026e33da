// Simulated notice to the applicant (告知) by SMS and the applicant portal.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated applicant notice (告知): records that the applicant was told (refusal, rejection, letter or result); the notice is the service task id.</summary>
public sealed class SimulatedApplicantNotification(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.notify-applicant";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["applicantNotified"] = true,
            ["notice"] = context.ElementId,
            ["notifiedAt"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
}
