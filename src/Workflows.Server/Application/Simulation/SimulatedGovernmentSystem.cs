// Base of the stand-ins for other government systems, so every procedure runs end to end before a city connects the real ones.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Server.Application.Simulation;

/// <summary>
/// A simulated government system behind a service task. Its outcome and delay come from configuration
/// (<see cref="SimulationOutcome.Read"/>), read on every call so tests and demos can switch it at run time.
/// Outputs always carry <c>"simulated": true</c>, and references derive from the invocation id, so a replayed call
/// (the host may run a handler twice) answers exactly as the first one did.
/// </summary>
public abstract class SimulatedGovernmentSystem(IConfiguration? configuration, TimeProvider time)
    : IServiceTaskHandler
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <summary>The output variables of a successful call, without the <c>simulated</c> flag.</summary>
    protected abstract JsonObject Succeed(ServiceTaskContext context, DateTimeOffset now);

    /// <inheritdoc />
    public async Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var outcome = SimulationOutcome.Read(configuration, Name);
        if (outcome.Delay > TimeSpan.Zero)
            await Task.Delay(outcome.Delay, time, ct);
        switch (outcome.Kind)
        {
            case SimulationOutcomeKind.Error:
                throw new BpmnErrorException(
                    outcome.ErrorCode!,
                    $"The simulated system {Name} answered with error {outcome.ErrorCode}."
                );
            case SimulationOutcomeKind.Fail:
                throw new SimulatedSystemUnavailableException(Name);
        }

        var output = Succeed(context, time.GetUtcNow());
        output["simulated"] = true;
        return output;
    }

    /// <summary>A stable reference number for this invocation, e.g. <c>SIM-EMS-3F9A1C07D2</c>.</summary>
    protected static string Reference(string prefix, ServiceTaskContext context)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(context.InvocationId));
        return $"SIM-{prefix}-{Convert.ToHexString(hash, 0, 5)}";
    }

    /// <summary>A case variable as text, or null.</summary>
    protected static string? Text(ServiceTaskContext context, string name) =>
        context.Input[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
}
