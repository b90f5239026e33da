namespace Workflows.Engine.Model;

/// <summary>A start event: none, timer (cycle or date) or message.</summary>
public sealed class StartEvent : FlowNode
{
    /// <summary>The trigger, or null for a none start event.</summary>
    public EventDefinition? Trigger { get; init; }

    /// <inheritdoc />
    public override string Kind => "startEvent";
}

/// <summary>An end event: none, terminate or error.</summary>
public sealed class EndEvent : FlowNode
{
    /// <summary>Null for a none end; <see cref="TerminateDefinition"/> or <see cref="ErrorDefinition"/> otherwise.</summary>
    public EventDefinition? Result { get; init; }

    /// <inheritdoc />
    public override string Kind => "endEvent";
}

/// <summary>An intermediate catch event waiting for a timer or a message.</summary>
public sealed class IntermediateCatchEvent : FlowNode
{
    /// <summary>A <see cref="TimerDefinition"/> or a <see cref="MessageDefinition"/>.</summary>
    public required EventDefinition Trigger { get; init; }

    /// <inheritdoc />
    public override string Kind => "intermediateCatchEvent";
}

/// <summary>An event attached to an activity's boundary: timer, message or error.</summary>
public sealed class BoundaryEvent : FlowNode
{
    /// <summary>The id of the activity it is attached to.</summary>
    public required string AttachedToId { get; init; }

    /// <summary>True (the default) when firing cancels the activity.</summary>
    public bool CancelActivity { get; init; } = true;

    /// <summary>A <see cref="TimerDefinition"/>, <see cref="MessageDefinition"/> or <see cref="ErrorDefinition"/>.</summary>
    public required EventDefinition Trigger { get; init; }

    /// <inheritdoc />
    public override string Kind => "boundaryEvent";
}

/// <summary>The trigger or result of an event.</summary>
public abstract record EventDefinition;

/// <summary>A timer: exactly one of a duration (ISO 8601 or working days such as <c>5WD</c>), a date, or a cycle (<c>R3/PT1H</c>).</summary>
/// <param name="Duration">An ISO 8601 duration or a working-day limit; may be a <c>${...}</c> expression.</param>
/// <param name="Date">An ISO 8601 date-time; may be an expression.</param>
/// <param name="Cycle">An ISO 8601 repeating interval (<c>R/PT1H</c>, <c>R3/P1D</c>); may be an expression.</param>
public sealed record TimerDefinition(string? Duration, string? Date, string? Cycle)
    : EventDefinition;

/// <summary>A message trigger with its correlation key expression.</summary>
/// <param name="MessageName">The message's name, the key a correlation matches on.</param>
/// <param name="CorrelationKey">An expression evaluated when the subscription opens (e.g. <c>${businessKey}</c>), or null.</param>
public sealed record MessageDefinition(string MessageName, string? CorrelationKey)
    : EventDefinition;

/// <summary>A BPMN error with its code; on a boundary a null code catches every error.</summary>
/// <param name="ErrorCode">The error code, or null for a catch-all boundary.</param>
/// <param name="ErrorName">The error's display name.</param>
public sealed record ErrorDefinition(string? ErrorCode, string? ErrorName = null) : EventDefinition;

/// <summary>A terminate end: ends every token of the instance.</summary>
public sealed record TerminateDefinition : EventDefinition;
