namespace Workflows.Engine.Model;

/// <summary>A node of a process graph (event, activity or gateway), as read from one BPMN element.</summary>
public abstract class FlowNode
{
    /// <summary>The BPMN element id, unique within a definition.</summary>
    public required string Id { get; init; }

    /// <summary>The display name; bilingual where the file gives both (see <see cref="LocalizedName"/>).</summary>
    public LocalizedName Name { get; init; } = LocalizedName.Empty;

    /// <summary>The 1-based line of the element in the source XML (0 when built in code).</summary>
    public int Line { get; init; }

    /// <summary>The id of the enclosing sub-process, or null for the process level.</summary>
    public string? ScopeId { get; init; }

    /// <summary>Ids of the sequence flows that enter this node.</summary>
    public IReadOnlyList<string> Incoming { get; set; } = [];

    /// <summary>Ids of the sequence flows that leave this node.</summary>
    public IReadOnlyList<string> Outgoing { get; set; } = [];

    /// <summary>What happens to the case clock when a token passes this node (Start/Pause/Resume/Stop), if anything.</summary>
    public CaseClockAction? CaseClock { get; init; }

    /// <summary>The BPMN element name of this node (e.g. "userTask"), for messages.</summary>
    public abstract string Kind { get; }
}
