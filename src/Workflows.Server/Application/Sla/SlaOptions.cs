// Settings of the SLA feature (section "Sla").
namespace Workflows.Server.Application.Sla;

/// <summary>SLA settings, bound from the <c>Sla</c> configuration section.</summary>
public sealed class SlaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sla";

    /// <summary>
    /// How often a yellow or red clock reminds again: working days (<c>1WD</c>, the default: at the close of the next
    /// working day) or an ISO 8601 duration (<c>PT4H</c>). Empty or <c>0WD</c> turns repeated reminders off.
    /// </summary>
    public string ReminderInterval { get; set; } = "1WD";
}
