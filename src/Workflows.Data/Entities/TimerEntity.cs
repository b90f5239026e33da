// A durable timer: this table is the truth; the scheduler only executes what is here.
namespace Workflows.Data.Entities;

/// <summary>One timer (BPMN timer event, SLA warning, ...).</summary>
public class TimerEntity
{
    /// <summary>Timer id (max 80 chars), assigned by the engine.</summary>
    public string Id { get; set; } = "";

    /// <summary>Owning instance, if any.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>Related task, if any (SLA timers).</summary>
    public string? TaskId { get; set; }

    /// <summary>BPMN element id, if any.</summary>
    public string? ElementId { get; set; }

    /// <summary>Kind of timer (e.g. "bpmn", "sla").</summary>
    public string Kind { get; set; } = "";

    /// <summary>Kind-specific payload (JSON).</summary>
    public string? Payload { get; set; }

    /// <summary>When it is due (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>Status; see <see cref="TimerStatuses"/>.</summary>
    public string Status { get; set; } = TimerStatuses.Pending;

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it fired (UTC).</summary>
    public DateTimeOffset? FiredAt { get; set; }

    /// <summary>Number of firing attempts (failed ones included).</summary>
    public int Attempts { get; set; }

    /// <summary>Error message of the last failed attempt, if any (kept after a later attempt succeeds).</summary>
    public string? LastError { get; set; }

    /// <summary>Node currently firing it.</summary>
    public string? LockedBy { get; set; }

    /// <summary>Lease end of <see cref="LockedBy"/> (UTC).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Optimistic concurrency token, incremented by the application on every update.</summary>
    public long Version { get; set; }
}
