namespace Workflows.Engine.Runtime;

/// <summary>What a waiting token waits for.</summary>
public enum BookmarkKind
{
    /// <summary>A human task to be completed.</summary>
    UserTask,

    /// <summary>A timer (intermediate catch, boundary or event-based gateway branch).</summary>
    Timer,

    /// <summary>A message with a correlation key.</summary>
    Message,

    /// <summary>The result of a service or send task run by the host.</summary>
    Service,

    /// <summary>A child instance started by a call activity.</summary>
    ChildInstance,

    /// <summary>A parallel or inclusive join waiting for more arrivals.</summary>
    Join,

    /// <summary>A container (sub-process or multi-instance body) waiting for its inner tokens.</summary>
    Scope,
}
