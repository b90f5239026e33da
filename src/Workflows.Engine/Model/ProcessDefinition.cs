namespace Workflows.Engine.Model;

/// <summary>
/// An immutable, validated executable process: the graph of one BPMN <c>process</c> element.
/// Built by <see cref="Parsing.BpmnParser"/>; never executed unless validation found no error.
/// </summary>
public sealed class ProcessDefinition
{
    /// <summary>The process id, used as the definition key.</summary>
    public required string Key { get; init; }

    /// <summary>The 1-based line of the process element in the source XML (0 when built in code).</summary>
    public int Line { get; init; }

    /// <summary>The bilingual process name.</summary>
    public LocalizedName Name { get; init; } = LocalizedName.Empty;

    /// <summary>The case-level SLA of the procedure (<c>wf:committedLimit</c>, <c>wf:statutoryLimit</c>, <c>wf:slaWarning</c> on the process), or null.</summary>
    public SlaSpec? CaseSla { get; init; }

    /// <summary>Every node, including those inside sub-processes, by id.</summary>
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }

    /// <summary>Every sequence flow, by id.</summary>
    public required IReadOnlyDictionary<string, SequenceFlow> Flows { get; init; }

    /// <summary>Free-form extension properties of the process (<c>camunda:properties</c>), e.g. the materials checklist key.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } =
        new Dictionary<string, string>();

    /// <summary>
    /// True when the procedure declares any SLA: a case SLA, a user task with its own SLA, or a node that drives the case
    /// clock. Without one no SLA clock can exist for its instances, so the host skips the clock lookups of every command.
    /// Computed once per (immutable, cached) definition.
    /// </summary>
    public bool DeclaresSla =>
        _declaresSla ??=
            CaseSla is not null
            || Nodes.Values.Any(n => n.CaseClock is not null || n is UserTask { Sla: not null });

    // Idempotent, so a race computes the same value twice at worst.
    private bool? _declaresSla;

    /// <summary>Gets a node by id.</summary>
    /// <exception cref="KeyNotFoundException">The id is not in this definition.</exception>
    public FlowNode Node(string id) => Nodes[id];

    /// <summary>Gets a node by id, typed.</summary>
    public T Node<T>(string id)
        where T : FlowNode => (T)Nodes[id];

    /// <summary>The start events of a scope (null: the process level).</summary>
    public IEnumerable<StartEvent> StartEvents(string? scopeId = null) =>
        Nodes.Values.OfType<StartEvent>().Where(s => s.ScopeId == scopeId);
}
