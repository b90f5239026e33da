using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime;

/// <summary>A stimulus the host hands to the interpreter; one command is one transaction in the host.</summary>
public abstract record Command;

/// <summary>Starts a new instance at its none start event (or at <paramref name="StartElementId"/>: a message or timer start).</summary>
/// <param name="InstanceId">The new instance's id, chosen by the host.</param>
/// <param name="DefinitionVersion">The version of the definition being started.</param>
/// <param name="BusinessKey">An optional business key.</param>
/// <param name="Variables">Initial variables (null: none).</param>
/// <param name="StartElementId">The start event to use; null picks the single none start event.</param>
/// <param name="ParentInstanceId">Set when a call activity starts this instance.</param>
/// <param name="ParentBookmarkId">The parent's bookmark to report back to.</param>
public sealed record StartInstance(
    Guid InstanceId,
    int DefinitionVersion,
    string? BusinessKey = null,
    JsonObject? Variables = null,
    string? StartElementId = null,
    Guid? ParentInstanceId = null,
    string? ParentBookmarkId = null
) : Command;

/// <summary>Completes a user task with its form data (already validated by the host).</summary>
/// <param name="TaskId">The task's bookmark id.</param>
/// <param name="Variables">Variables to merge into the case (null: none).</param>
public sealed record CompleteTask(string TaskId, JsonObject? Variables = null) : Command;

/// <summary>Throws a BPMN error from a user task (e.g. a rejection), caught by an error boundary event on it.</summary>
/// <param name="TaskId">The task's bookmark id.</param>
/// <param name="ErrorCode">The error code a boundary may catch (e.g. <c>rejected</c>).</param>
/// <param name="Variables">Variables to merge (e.g. the reason).</param>
public sealed record ThrowTaskError(string TaskId, string ErrorCode, JsonObject? Variables = null)
    : Command;

/// <summary>Fires a due timer.</summary>
/// <param name="TimerId">The timer's bookmark id.</param>
public sealed record FireTimer(string TimerId) : Command;

/// <summary>Delivers a message to one open subscription (the host finds it by name and correlation key).</summary>
/// <param name="SubscriptionId">The subscription's bookmark id.</param>
/// <param name="Variables">The message payload, merged into the case.</param>
public sealed record CorrelateMessage(string SubscriptionId, JsonObject? Variables = null)
    : Command;

/// <summary>Reports the outcome of a service or send task run by the host.</summary>
/// <param name="InvocationId">The invocation's bookmark id.</param>
/// <param name="Variables">Output variables on success.</param>
/// <param name="ErrorCode">A BPMN error code to throw (caught by an error boundary), or null on success.</param>
public sealed record CompleteService(
    string InvocationId,
    JsonObject? Variables = null,
    string? ErrorCode = null
) : Command;

/// <summary>Reports that a child instance started by a call activity ended.</summary>
/// <param name="ChildBookmarkId">The parent's bookmark id for that child.</param>
/// <param name="Variables">The child's output variables.</param>
/// <param name="ErrorCode">An uncaught BPMN error code the child ended with, or null when it completed.</param>
public sealed record CompleteChild(
    string ChildBookmarkId,
    JsonObject? Variables = null,
    string? ErrorCode = null
) : Command;

/// <summary>Cancels a running instance: every token ends, every wait state closes.</summary>
/// <param name="Reason">Why (recorded in the effects).</param>
public sealed record CancelInstance(string Reason) : Command;

/// <summary>Retries the node where an incident stopped a token (after an operator fixed the cause).</summary>
public sealed record RetryIncident : Command;
