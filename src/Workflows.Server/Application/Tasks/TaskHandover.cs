// What an escalation did to a task: who held it and which groups it was offered to, before and after.
namespace Workflows.Server.Application.Tasks;

/// <summary>A task's holder and candidate groups before and after a system hand-over (the SLA escalation path).</summary>
/// <param name="AssigneeBefore">The assignee before (null when it sat in the group queue).</param>
/// <param name="GroupsBefore">The candidate groups before.</param>
/// <param name="AssigneeAfter">The assignee after (null when it went back to a group queue).</param>
/// <param name="GroupsAfter">The candidate groups after.</param>
public sealed record TaskHandover(
    string? AssigneeBefore,
    IReadOnlyList<string> GroupsBefore,
    string? AssigneeAfter,
    IReadOnlyList<string> GroupsAfter
);
