// What the inbox was asked for: the query parameters of GET /api/tasks.
namespace Workflows.Server.Application.Tasks;

/// <summary>Inbox filters, sort and paging.</summary>
/// <param name="Queue"><see cref="TaskQueues"/>, or null for every visible task.</param>
/// <param name="Status">Task status (default Open).</param>
/// <param name="Assignee">A user name or <c>me</c>.</param>
/// <param name="CandidateGroup">Unclaimed tasks offered to this group.</param>
/// <param name="Procedure">Definition key.</param>
/// <param name="BusinessKey">Exact business key.</param>
/// <param name="SlaLevel"><c>green</c>, <c>yellow</c> or <c>red</c>.</param>
/// <param name="DueBefore">Due strictly before this moment.</param>
/// <param name="Applicant">Prefix of the applicant's name.</param>
/// <param name="Sort"><c>due</c> (default), <c>priority</c> or <c>created</c>.</param>
/// <param name="After">Keyset cursor from a previous page's <c>nextCursor</c>.</param>
/// <param name="Page">1-based page number (offset paging, when no cursor is given).</param>
/// <param name="PageSize">Rows per page (1–200, default 50).</param>
public sealed record InboxFilter(
    string? Queue = null,
    string? Status = null,
    string? Assignee = null,
    string? CandidateGroup = null,
    string? Procedure = null,
    string? BusinessKey = null,
    string? SlaLevel = null,
    DateTimeOffset? DueBefore = null,
    string? Applicant = null,
    string? Sort = null,
    string? After = null,
    int? Page = null,
    int? PageSize = null
);
