// Why one instance cannot move to the target version; a migration with any problem is refused as a whole.
namespace Workflows.Engine.Runtime.Migration;

/// <summary>One reason an instance cannot migrate.</summary>
/// <param name="ElementId">The source element the problem concerns, if any.</param>
/// <param name="Message">What is wrong, in words a process designer understands.</param>
public sealed record MigrationProblem(string? ElementId, string Message)
{
    /// <inheritdoc />
    public override string ToString() => ElementId is null ? Message : $"{ElementId}: {Message}";
}
