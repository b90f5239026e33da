namespace Workflows.Engine.Model;

/// <summary>What a task's red level (breach) does beyond notifying the section chiefs.</summary>
public enum SlaEscalationMode
{
    /// <summary>Notify the chiefs and open a supervision record (the default); the task stays where it is.</summary>
    Notify,

    /// <summary>Assign the task to the section chief of its bureau (the first by user name when there are several).</summary>
    AssignChief,

    /// <summary>Assign the task to a named user (<see cref="SlaEscalation.Target"/>).</summary>
    AssignUser,

    /// <summary>Offer the task to another candidate group (<see cref="SlaEscalation.Target"/>) and unclaim it.</summary>
    Group,
}
