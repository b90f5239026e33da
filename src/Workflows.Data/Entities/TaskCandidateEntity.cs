// One candidate of a task (a group or a user), so "tasks I may claim" is an indexed join.
namespace Workflows.Data.Entities;

/// <summary>A candidate group or user of a task.</summary>
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
}
