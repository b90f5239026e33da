// The timer kinds the SLA feature puts in the timer table (routed by TimerFiring to SlaTimerHandler).
namespace Workflows.Server.Application.Sla;

/// <summary>Timer kinds of SLA transitions and reminders; the row's payload is the clock id.</summary>
public static class SlaTimerKinds
{
    /// <summary>The clock turns yellow (warning, 黄牌).</summary>
    public const string Yellow = "sla.yellow";

    /// <summary>The clock turns red (breach, 红牌).</summary>
    public const string Red = "sla.red";

    /// <summary>A repeated reminder while yellow or red (催办).</summary>
    public const string Remind = "sla.remind";

    /// <summary>Every SLA kind.</summary>
    public static readonly IReadOnlyCollection<string> All = [Yellow, Red, Remind];
}
