// One page of the inbox: the rows, and the cursor of the next page.
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Tasks;

/// <summary>A page of tasks; <see cref="Total"/> is computed for offset paging only (null after a cursor).</summary>
public sealed record InboxPage(
    IReadOnlyList<TaskEntity> Items,
    int? Total,
    int PageNumber,
    int PageSize,
    string? NextCursor
);
