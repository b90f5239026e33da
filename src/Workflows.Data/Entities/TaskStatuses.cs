// Values of TaskEntity.Status.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="TaskEntity.Status"/>.</summary>
public static class TaskStatuses
{
    /// <summary>Waiting for someone to complete it.</summary>
    public const string Open = "Open";

    /// <summary>Completed by a user.</summary>
    public const string Completed = "Completed";

    /// <summary>Cancelled by the process (boundary event, termination).</summary>
    public const string Cancelled = "Cancelled";
}
