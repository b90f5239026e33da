// A user task (待办) as the inbox sees it: denormalized so inbox queries touch one table.
namespace Workflows.Data.Entities;

/// <summary>One user task.</summary>
public class TaskEntity
{
    /// <summary>Task id (max 80 chars), assigned by the engine.</summary>
    public string Id { get; set; } = "";

    /// <summary>Owning instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>BPMN element id of the user task.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>Display name (Chinese).</summary>
    public string? Name { get; set; }

    /// <summary>Display name (English).</summary>
    public string? NameEn { get; set; }

    /// <summary>Definition key, denormalized for filtering.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>Instance business key, denormalized for display and search.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Status; see <see cref="TaskStatuses"/>.</summary>
    public string Status { get; set; } = TaskStatuses.Open;

    /// <summary>User id of the current assignee (null when unclaimed).</summary>
    public string? Assignee { get; set; }

    /// <summary>User id of the owner who delegated it, if delegated.</summary>
    public string? Owner { get; set; }

    /// <summary>Priority (higher first).</summary>
    public int Priority { get; set; }

    /// <summary>Form key rendered for the task.</summary>
    public string? FormKey { get; set; }

    /// <summary>Due moment (UTC).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Follow-up moment (UTC).</summary>
    public DateTimeOffset? FollowUpAt { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When claimed (UTC).</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When completed (UTC).</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>User id of the completer.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>Candidate group ids joined with commas, for display only; queries use TaskCandidates.</summary>
    public string CandidateGroups { get; set; } = "";

    /// <summary>Optimistic concurrency token, incremented by the application on every update.</summary>
    public long Version { get; set; }

    /// <summary>Task-local variables as JSON.</summary>
    public string? LocalVariablesJson { get; set; }

    /// <summary>SLA state (limits, clock pauses) as JSON.</summary>
    public string? SlaJson { get; set; }

    /// <summary>The applicant's name, denormalized for inbox search.</summary>
    public string? ApplicantName { get; set; }

    /// <summary>The responsible bureau code (from the first candidate group <c>bureau:CODE/...</c>), for section queues.</summary>
    public string? Bureau { get; set; }

    /// <summary>The task clock's SLA level (<c>green</c>, <c>yellow</c>, <c>red</c>) as of its last transition; null without an SLA.</summary>
    public string? SlaLevel { get; set; }

    /// <summary>Set while the task waits for the applicant's supplement (the clock is paused); null otherwise.</summary>
    public DateTimeOffset? SuspendedAt { get; set; }
}
