// One candidate of a task (a group or a user), so "tasks I may claim" is an indexed join.
namespace Workflows.Data.Entities;

/// <summary>
/// A candidate group or user of an open task. <see cref="State"/> and <see cref="DueAt"/> are copies of the task's
/// state kept in step by <see cref="WorkflowsDbContext"/> (tracked changes) and <see cref="TaskCandidateSync"/>
/// (bulk updates), so a group queue is read from the candidate index alone, already in due-date order.
/// </summary>
public class TaskCandidateEntity
{
    /// <summary>Identity key.</summary>
    public long Id { get; set; }

    /// <summary>The task.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>"group" or "user"; see <see cref="CandidateKinds"/>.</summary>
    public string Kind { get; set; } = CandidateKinds.Group;

    /// <summary>Group id or user id.</summary>
    public string Value { get; set; } = "";

    /// <summary>The task's queue state (claimable, claimed, suspended); see <see cref="CandidateStates"/>.</summary>
    public string State { get; set; } = CandidateStates.Claimable;

    /// <summary>The task's due moment (UTC), copied for the queue's sort.</summary>
    public DateTimeOffset? DueAt { get; set; }
}
