using System.Text.Json.Nodes;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Something the host must do after it commits the new state (the outbox): create a task, schedule a timer, call a service…
/// The engine never does I/O itself.
/// </summary>
public abstract record Effect;

/// <summary>A user task was created.</summary>
public sealed record TaskCreated(
    string TaskId,
    string ElementId,
    LocalizedName Name,
    string? Assignee,
    IReadOnlyList<string> CandidateGroups,
    IReadOnlyList<string> CandidateUsers,
    DateTimeOffset? DueAt,
    DateTimeOffset? FollowUpAt,
    int Priority,
    string? FormKey,
    SlaSpec? Sla,
    JsonObject? LocalVariables
) : Effect;

/// <summary>A user task ended without completion (boundary event, terminate, cancellation, multi-instance condition).</summary>
public sealed record TaskCancelled(string TaskId, string Reason) : Effect;

/// <summary>A timer must fire at <paramref name="DueAt"/>; <paramref name="Provisional"/> when a working-day limit crossed a provisional year.</summary>
public sealed record TimerScheduled(
    string TimerId,
    string ElementId,
    DateTimeOffset DueAt,
    bool Provisional
) : Effect;

/// <summary>A timer is no longer needed.</summary>
public sealed record TimerCancelled(string TimerId) : Effect;

/// <summary>A message subscription opened: a message with this name and key resumes <paramref name="SubscriptionId"/>.</summary>
public sealed record MessageSubscriptionOpened(
    string SubscriptionId,
    string ElementId,
    string MessageName,
    string? CorrelationKey
) : Effect;

/// <summary>A message subscription closed.</summary>
public sealed record MessageSubscriptionClosed(string SubscriptionId) : Effect;

/// <summary>The host must run the handler and answer with <see cref="CompleteService"/>.</summary>
public sealed record ServiceInvocationRequested(
    string InvocationId,
    string ElementId,
    string Handler,
    JsonObject Input
) : Effect;

/// <summary>An open service invocation is no longer awaited (its activity was interrupted).</summary>
public sealed record ServiceInvocationCancelled(string InvocationId) : Effect;

/// <summary>The host must start a child instance and answer with <see cref="CompleteChild"/> when it ends.</summary>
public sealed record ChildInstanceRequested(
    string ChildBookmarkId,
    Guid ChildInstanceId,
    string ElementId,
    string DefinitionKey,
    int? Version,
    JsonObject Variables
) : Effect;

/// <summary>A child instance must be cancelled (its call activity was interrupted).</summary>
public sealed record ChildInstanceCancelled(string ChildBookmarkId, Guid ChildInstanceId) : Effect;

/// <summary>A token stopped on an error an operator must look at.</summary>
public sealed record IncidentRaised(string ElementId, string Message) : Effect;

/// <summary>The case clock must start, pause, resume or stop (from <c>wf:caseClock</c> on a node).</summary>
public sealed record CaseClockChanged(CaseClockAction Action, string ElementId, string? Reason)
    : Effect;

/// <summary>The instance completed; for a child, the parent must be told.</summary>
public sealed record InstanceCompleted(JsonObject Variables) : Effect;

/// <summary>The instance was terminated (terminate end, uncaught error, cancellation).</summary>
public sealed record InstanceTerminated(string Reason, string? ErrorCode) : Effect;
