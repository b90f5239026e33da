namespace Workflows.Engine.Model;

/// <summary>A sequence flow between two nodes, optionally guarded by a condition.</summary>
public sealed class SequenceFlow
{
    /// <summary>The BPMN element id.</summary>
    public required string Id { get; init; }

    /// <summary>The id of the node the flow leaves.</summary>
    public required string SourceId { get; init; }

    /// <summary>The id of the node the flow enters.</summary>
    public required string TargetId { get; init; }

    /// <summary>The condition (JavaScript or a <c>${...}</c> expression), or null when unconditional.</summary>
    public string? Condition { get; init; }

    /// <summary>The flow's display name.</summary>
    public LocalizedName Name { get; init; } = LocalizedName.Empty;

    /// <summary>The 1-based line of the element in the source XML.</summary>
    public int Line { get; init; }
}
