// The three ways a simulated government system can answer.
namespace Workflows.Server.Application.Simulation;

/// <summary>How a simulated system answers a call.</summary>
public enum SimulationOutcomeKind
{
    /// <summary>Returns its output variables.</summary>
    Success,

    /// <summary>Reports a business outcome as a BPMN error (caught by an error boundary event).</summary>
    Error,

    /// <summary>Fails technically (the system is down): the host retries, then raises an incident.</summary>
    Fail,
}
