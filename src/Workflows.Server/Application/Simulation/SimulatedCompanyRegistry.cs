// Simulated market-entity registry (企业登记系统) of the market regulation administration.
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>Simulated company registration (企业登记): registers the company and returns a unified social credit code.</summary>
public sealed class SimulatedCompanyRegistry(IConfiguration? configuration, TimeProvider time)
    : SimulatedGovernmentSystem(configuration, time)
{
    /// <summary>The handler name used in BPMN (<c>camunda:type</c>).</summary>
    public const string HandlerName = "sim.company-registry";

    /// <inheritdoc />
    public override string Name => HandlerName;

    /// <inheritdoc />
    protected override JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now) =>
        new()
        {
            ["companyRegistered"] = true,
            ["unifiedSocialCreditCode"] = Reference("USCC", context),
        };
}
