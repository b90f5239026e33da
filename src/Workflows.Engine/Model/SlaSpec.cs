namespace Workflows.Engine.Model;

/// <summary>Which clock an SLA setting drives.</summary>
public enum SlaClockKind
{
    /// <summary>The task's own clock, from creation to completion.</summary>
    Task,

    /// <summary>The whole case's clock (承诺时限 of the procedure).</summary>
    Case,
}

/// <summary>
/// SLA attributes in our namespace (<c>wf:slaLimit</c>, <c>wf:slaStatutoryLimit</c>, <c>wf:slaWarning</c>,
/// <c>wf:slaClock</c>, <c>wf:slaPauseReasons</c>, and on a user task <c>wf:escalation</c>); limits are working days (<c>5WD</c>) or ISO 8601 durations.
/// </summary>
public sealed record SlaSpec
{
    /// <summary>The committed limit (承诺时限), e.g. <c>5WD</c> or <c>PT4H</c>.</summary>
    public required string Limit { get; init; }

    /// <summary>The statutory limit (法定时限), kept beside the committed one; null when the item has none.</summary>
    public string? StatutoryLimit { get; init; }

    /// <summary>When yellow starts: a limit before due (<c>1WD</c>, the default) or a percentage of the limit (<c>80%</c>).</summary>
    public string Warning { get; init; } = "1WD";

    /// <summary>Which clock this drives.</summary>
    public SlaClockKind Clock { get; init; } = SlaClockKind.Task;

    /// <summary>Reasons for which the clock may pause (e.g. <c>supplement</c>, <c>expert-review</c>, <c>public-notice</c>).</summary>
    public IReadOnlyList<string> PauseReasons { get; init; } = [];

    /// <summary>
    /// What red does to the task beyond notifying the chiefs (<c>wf:escalation</c>); <see cref="SlaEscalation.Notify"/>
    /// by default. Only a task's own clock (<see cref="SlaClockKind.Task"/>) carries another value.
    /// </summary>
    public SlaEscalation Escalation { get; init; } = SlaEscalation.Notify;
}
