namespace Workflows.Engine.Runtime;

/// <summary>
/// A running scope: a sub-process instance, or a multi-instance activity body with its counters.
/// Tokens inside point at it through <see cref="Token.ScopeInstanceId"/>.
/// </summary>
public sealed class ScopeState
{
    /// <summary>Unique within the instance.</summary>
    public required string Id { get; set; }

    /// <summary>The sub-process or multi-instance activity this scope executes.</summary>
    public required string ElementId { get; set; }

    /// <summary>The token waiting at the container node in the parent scope.</summary>
    public required string ParentTokenId { get; set; }

    /// <summary>The enclosing scope instance, or null for the process scope.</summary>
    public string? ParentScopeInstanceId { get; set; }

    /// <summary>For multi-instance: the number of inner instances.</summary>
    public int NrOfInstances { get; set; }

    /// <summary>For multi-instance: inner instances completed.</summary>
    public int NrOfCompletedInstances { get; set; }

    /// <summary>For multi-instance: inner instances running now.</summary>
    public int NrOfActiveInstances { get; set; }

    /// <summary>For sequential multi-instance: the index of the next inner instance to start.</summary>
    public int NextIndex { get; set; }

    /// <summary>For multi-instance: the evaluated collection, as JSON, so a sequential loop sees a stable list.</summary>
    public string? CollectionJson { get; set; }

    /// <summary>Local variables of this scope (multi-instance element variable, loopCounter), as JSON.</summary>
    public Dictionary<string, string> LocalVariablesJson { get; set; } = [];

    /// <summary>True for a multi-instance body (inner tokens sit on the activity itself); false for a sub-process.</summary>
    public bool IsMultiInstance { get; set; }
}
