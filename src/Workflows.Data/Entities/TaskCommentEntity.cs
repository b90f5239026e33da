// A comment on a task or case.
namespace Workflows.Data.Entities;

/// <summary>One comment.</summary>
public class TaskCommentEntity
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The case.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task, if any.</summary>
    public string? TaskId { get; set; }

    /// <summary>Author user name.</summary>
    public string Author { get; set; } = "";

    /// <summary>The text.</summary>
    public string Text { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
