namespace Workflows.Engine.Runtime;

/// <summary>The life-cycle status of an instance.</summary>
public enum InstanceStatus
{
    /// <summary>Tokens are waiting; the instance accepts commands.</summary>
    Running,

    /// <summary>Every token reached an end event.</summary>
    Completed,

    /// <summary>Ended by a terminate end event, an uncaught error, or cancellation.</summary>
    Terminated,

    /// <summary>Waiting for an operator: an incident (script error, missing handler, failed expression) stopped a token.</summary>
    Incident,
}
