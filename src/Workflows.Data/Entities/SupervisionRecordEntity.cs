// A supervision record (电子监察): opened when a clock breaches its limit.
namespace Workflows.Data.Entities;

/// <summary>One breach under electronic supervision.</summary>
public class SupervisionRecordEntity
{
    /// <summary>Record id.</summary>
    public Guid Id { get; set; }

    /// <summary>The breached clock.</summary>
    public Guid ClockId { get; set; }

    /// <summary>The case.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task, for a task clock.</summary>
    public string? TaskId { get; set; }

    /// <summary>Definition key.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>The step's element id.</summary>
    public string? ElementId { get; set; }

    /// <summary>Responsible bureau code.</summary>
    public string? Bureau { get; set; }

    /// <summary>The responsible person (assignee) when known.</summary>
    public string? Responsible { get; set; }

    /// <summary>The due moment that was missed (UTC).</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>When the breach was recorded (UTC).</summary>
    public DateTimeOffset BreachedAt { get; set; }

    /// <summary>
    /// The office calendar day of <see cref="BreachedAt"/> (UTC+8), stamped by SaveChanges: the per-day breach chart
    /// groups on it in SQL, since DateTimeOffset has no date part all three providers translate.
    /// </summary>
    public DateOnly BreachedDay { get; set; }

    /// <summary><c>open</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = "open";

    /// <summary>When closed (UTC).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Who closed it.</summary>
    public string? ClosedBy { get; set; }

    /// <summary>Supervisor's note.</summary>
    public string? Note { get; set; }
}
