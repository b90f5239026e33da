// Simulated card production (制证) at the card centre of the issuing bureau.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated card production (制证): produces the permit or talent card and returns its number.</summary>
public sealed class SimulatedCardProduction(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.card-production";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["cardProduced"] = true,
            ["cardNumber"] = Reference("CARD", context),
            ["cardProducedAt"] = now.ToString(
                "O",
                System.Globalization.CultureInfo.InvariantCulture
            ),
        };
}
