namespace Workflows.Engine.Model;

/// <summary>
/// The model-defined escalation path of a user task, <c>wf:escalation</c>: <c>notify</c> (default),
/// <c>assign:chief</c>, <c>assign:&lt;userName&gt;</c> or <c>group:&lt;groupId&gt;</c>.
/// </summary>
/// <param name="Mode">What red does to the task.</param>
/// <param name="Target">The user name (<see cref="SlaEscalationMode.AssignUser"/>) or group id (<see cref="SlaEscalationMode.Group"/>); null otherwise.</param>
public sealed record SlaEscalation(SlaEscalationMode Mode, string? Target = null)
{
    /// <summary>The default: notify only.</summary>
    public static readonly SlaEscalation Notify = new(SlaEscalationMode.Notify);

    /// <summary>Reads a <c>wf:escalation</c> value; false when it is none of the accepted forms.</summary>
    public static bool TryParse(string? value, out SlaEscalation escalation)
    {
        escalation = Notify;
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
            return false;
        if (v.Equals("notify", StringComparison.OrdinalIgnoreCase))
            return true;
        var colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == v.Length - 1)
            return false;
        var prefix = v[..colon];
        var target = v[(colon + 1)..].Trim();
        if (target.Length == 0 || target.Any(char.IsWhiteSpace) || target.Contains(','))
            return false;
        if (prefix.Equals("assign", StringComparison.OrdinalIgnoreCase))
        {
            escalation = target.Equals("chief", StringComparison.OrdinalIgnoreCase)
                ? new SlaEscalation(SlaEscalationMode.AssignChief)
                : new SlaEscalation(SlaEscalationMode.AssignUser, target);
            return true;
        }
        if (prefix.Equals("group", StringComparison.OrdinalIgnoreCase))
        {
            escalation = new SlaEscalation(SlaEscalationMode.Group, target);
            return true;
        }
        return false;
    }

    /// <summary>The attribute text of this escalation (<c>notify</c>, <c>assign:chief</c>, <c>assign:u</c>, <c>group:g</c>).</summary>
    public override string ToString() =>
        Mode switch
        {
            SlaEscalationMode.AssignChief => "assign:chief",
            SlaEscalationMode.AssignUser => $"assign:{Target}",
            SlaEscalationMode.Group => $"group:{Target}",
            _ => "notify",
        };
}
