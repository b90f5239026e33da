namespace Workflows.Engine.Model;

/// <summary>
/// What a node does to the case clock (承诺时限) when a token enters it: <c>wf:caseClock="start|pause|resume|stop"</c>.
/// A pause lasts while the token waits in the node (e.g. public notice 公示) and resumes when it leaves.
/// </summary>
public enum CaseClockAction
{
    /// <summary>Starts the case clock (e.g. on acceptance 受理, not on submission).</summary>
    Start,

    /// <summary>Pauses the clock while the token is in this node; <see cref="FlowNode"/> leaving resumes it.</summary>
    Pause,

    /// <summary>Resumes a paused clock.</summary>
    Resume,

    /// <summary>Stops the clock (the case is decided).</summary>
    Stop,
}
