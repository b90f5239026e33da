// A wait state that changes element id in a migration, so the host can move its task or timer row with it.
namespace Workflows.Engine.Runtime.Migration;

/// <summary>A bookmark moved from one element to another (its id, and so its task or timer row, is kept).</summary>
/// <param name="BookmarkId">The bookmark id (task id, timer id, subscription id …).</param>
/// <param name="Kind">What the bookmark waits for.</param>
/// <param name="FromElementId">The element in the source version.</param>
/// <param name="ToElementId">The element in the target version.</param>
public sealed record ElementMove(
    string BookmarkId,
    BookmarkKind Kind,
    string FromElementId,
    string ToElementId
);
