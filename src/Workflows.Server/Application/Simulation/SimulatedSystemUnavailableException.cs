// The technical failure a simulated system raises when configured to fail.
namespace Workflows.Server.Application.Simulation;

/// <summary>A simulated government system is "down": a technical failure the host retries and then records as an incident.</summary>
public sealed class SimulatedSystemUnavailableException(string handlerName)
    : Exception(
        $"The simulated system {handlerName} is configured to fail (Simulation:{handlerName}:Outcome = fail)."
    )
{
    /// <summary>The handler that failed.</summary>
    public string HandlerName { get; } = handlerName;
}
