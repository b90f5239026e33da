// The result of validating or applying a migration to one instance.
namespace Workflows.Engine.Runtime.Migration;

/// <summary>What a migration does to one instance, or why it cannot.</summary>
/// <param name="Problems">Every reason the instance cannot migrate; empty when it can.</param>
/// <param name="Moves">The bookmarks whose element changes (empty when every wait state keeps its id).</param>
/// <param name="State">The migrated snapshot (a new object); null when there are problems or when only validating.</param>
public sealed record MigrationOutcome(
    IReadOnlyList<MigrationProblem> Problems,
    IReadOnlyList<ElementMove> Moves,
    InstanceState? State
)
{
    /// <summary>True when the instance can migrate.</summary>
    public bool CanMigrate => Problems.Count == 0;

    /// <summary>The element ids where the instance waits now, in the source version.</summary>
    public IReadOnlyList<string> ActiveElementIds { get; init; } = [];
}
