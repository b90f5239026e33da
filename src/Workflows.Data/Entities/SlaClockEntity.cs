// An SLA clock row: the case clock (承诺时限) or a task clock, with its computed due moment and level for queries.
namespace Workflows.Data.Entities;

/// <summary>One SLA clock; <see cref="ClockJson"/> is the engine's <c>SlaClock</c>, the other columns are derived for queries.</summary>
public class SlaClockEntity
{
    /// <summary>Clock id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task, for a task clock; null for the case clock.</summary>
    public string? TaskId { get; set; }

    /// <summary><c>case</c> or <c>task</c>.</summary>
    public string Kind { get; set; } = "case";

    /// <summary>Definition key, denormalized for statistics.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>The BPMN element of the task (task clocks) or the node that started the case clock.</summary>
    public string? ElementId { get; set; }

    /// <summary>The responsible bureau code (from the candidate group), for statistics by bureau.</summary>
    public string? Bureau { get; set; }

    /// <summary>The committed limit, e.g. <c>7WD</c>.</summary>
    public string Limit { get; set; } = "";

    /// <summary>The statutory limit, if any.</summary>
    public string? StatutoryLimit { get; set; }

    /// <summary>The warning threshold, e.g. <c>1WD</c> or <c>80%</c>.</summary>
    public string Warning { get; set; } = "1WD";

    /// <summary>The engine's clock (start, pauses, stop) as JSON.</summary>
    public string ClockJson { get; set; } = "{}";

    /// <summary><c>running</c>, <c>paused</c> or <c>stopped</c>.</summary>
    public string Status { get; set; } = "running";

    /// <summary><c>green</c>, <c>yellow</c> or <c>red</c>, as of the last transition.</summary>
    public string Level { get; set; } = "green";

    /// <summary>When the clock started (UTC).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Current due moment (UTC); moves when a pause ends.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When yellow starts (UTC).</summary>
    public DateTimeOffset? WarningAt { get; set; }

    /// <summary>The statutory due moment (UTC), if any.</summary>
    public DateTimeOffset? StatutoryDueAt { get; set; }

    /// <summary>When stopped (UTC).</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    /// <summary>True when a provisional calendar year was involved in the due date.</summary>
    public bool Provisional { get; set; }

    /// <summary>For a stopped clock: whether it finished after its due moment.</summary>
    public bool? FinishedLate { get; set; }

    /// <summary>Working days used (excluding pauses), as of stop or the last update.</summary>
    public double? WorkingDaysUsed { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public long Version { get; set; }
}
