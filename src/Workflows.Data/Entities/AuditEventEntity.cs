// An append-only audit record (留痕): who did what, when, to which instance or task.
namespace Workflows.Data.Entities;

/// <summary>One audit event.</summary>
public class AuditEventEntity
{
    /// <summary>Identity key (append order).</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>User id of the actor; null for the system.</summary>
    public string? Actor { get; set; }

    /// <summary>Action name (e.g. "task.completed").</summary>
    public string Action { get; set; } = "";

    /// <summary>Instance concerned, if any.</summary>
    public Guid? InstanceId { get; set; }

    /// <summary>Task concerned, if any.</summary>
    public string? TaskId { get; set; }

    /// <summary>BPMN element concerned, if any.</summary>
    public string? ElementId { get; set; }

    /// <summary>Details as JSON.</summary>
    public string? DataJson { get; set; }
}
