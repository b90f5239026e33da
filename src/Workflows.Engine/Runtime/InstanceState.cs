using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The whole runtime state of one instance as a single serializable snapshot (Elsa's <c>WorkflowState</c>):
/// tokens, wait states, scopes, variables and counters. The host stores it as JSON and passes it back in;
/// <see cref="Version"/> is the optimistic-concurrency token.
/// </summary>
public sealed class InstanceState
{
    /// <summary>The instance id.</summary>
    public required Guid InstanceId { get; set; }

    /// <summary>The definition key (BPMN process id).</summary>
    public required string DefinitionKey { get; set; }

    /// <summary>The definition version the instance started on and keeps.</summary>
    public required int DefinitionVersion { get; set; }

    /// <summary>A business key (e.g. the application number), used for correlation.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>The life-cycle status.</summary>
    public InstanceStatus Status { get; set; } = InstanceStatus.Running;

    /// <summary>The case variables.</summary>
    public JsonObject Variables { get; set; } = [];

    /// <summary>Every live token.</summary>
    public List<Token> Tokens { get; set; } = [];

    /// <summary>Every open wait state.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];

    /// <summary>Every running sub-process or multi-instance scope.</summary>
    public List<ScopeState> Scopes { get; set; } = [];

    /// <summary>Ids of the nodes completed so far, in order (the completed path for the live view).</summary>
    public List<string> CompletedElementIds { get; set; } = [];

    /// <summary>The open incident's message, when <see cref="Status"/> is <see cref="InstanceStatus.Incident"/>.</summary>
    public string? Incident { get; set; }

    /// <summary>The parent instance when this one was started by a call activity.</summary>
    public Guid? ParentInstanceId { get; set; }

    /// <summary>The parent's child-instance bookmark id this instance reports back to.</summary>
    public string? ParentBookmarkId { get; set; }

    /// <summary>Incremented by each command; the host's optimistic-concurrency token.</summary>
    public long Version { get; set; }

    /// <summary>A counter for ids that are unique within the instance.</summary>
    public long Sequence { get; set; }

    /// <summary>Ids of the nodes where tokens wait now.</summary>
    public IEnumerable<string> ActiveElementIds => Tokens.Select(t => t.ElementId).Distinct();

    /// <summary>Tokens stopped by the open incident(s); <see cref="RetryIncident"/> resumes them.</summary>
    public List<string> IncidentTokenIds { get; set; } = [];
}
