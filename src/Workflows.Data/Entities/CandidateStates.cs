// Values of TaskCandidateEntity.State: where the open task stands for the group queues.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="TaskCandidateEntity.State"/>, derived from the task by <see cref="Of(TaskEntity)"/>.</summary>
public static class CandidateStates
{
    /// <summary>Nobody holds the task and it is not waiting for a supplement: it is in the group queue.</summary>
    public const string Claimable = "claimable";

    /// <summary>Someone holds the task (claimed, assigned or delegated).</summary>
    public const string Claimed = "claimed";

    /// <summary>The task waits for the applicant's supplement (its clock is paused).</summary>
    public const string Suspended = "suspended";

    /// <summary>The state a candidate row of <paramref name="task"/> carries.</summary>
    public static string Of(TaskEntity task) => Of(task.Assignee, task.SuspendedAt);

    /// <summary>The state for a task with this assignee and suspension.</summary>
    public static string Of(string? assignee, DateTimeOffset? suspendedAt) =>
        suspendedAt is not null ? Suspended
        : assignee is not null ? Claimed
        : Claimable;
}
