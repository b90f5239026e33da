namespace Workflows.Engine.Runtime;

/// <summary>
/// A wait state, as in Elsa: a token is parked on a node until a stimulus with this bookmark's id
/// (task id, timer id, subscription id, invocation id, child instance id) resumes it. Resuming never guesses.
/// </summary>
public sealed class Bookmark
{
    /// <summary>The id a command uses to resume: task id, timer id, message subscription id, invocation id or child instance id.</summary>
    public required string Id { get; set; }

    /// <summary>What is awaited.</summary>
    public required BookmarkKind Kind { get; set; }

    /// <summary>The token parked here (for boundary events: the token of the activity they are attached to).</summary>
    public required string TokenId { get; set; }

    /// <summary>The node that waits (the activity, the catch event or the boundary event).</summary>
    public required string ElementId { get; set; }

    /// <summary>For messages: the message name.</summary>
    public string? MessageName { get; set; }

    /// <summary>For messages: the evaluated correlation key.</summary>
    public string? CorrelationKey { get; set; }

    /// <summary>For timers: when it is due.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>For cycle timers: repetitions left (null: unbounded).</summary>
    public int? RepeatsLeft { get; set; }

    /// <summary>For cycle timers: the interval between repetitions.</summary>
    public string? RepeatInterval { get; set; }

    /// <summary>For child instances: the id of the child instance the host starts.</summary>
    public Guid? ChildInstanceId { get; set; }
}
