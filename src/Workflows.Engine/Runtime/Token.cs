namespace Workflows.Engine.Runtime;

/// <summary>A token: a position in the graph, inside a scope (the process, a sub-process or a multi-instance body).</summary>
public sealed class Token
{
    /// <summary>Unique within the instance.</summary>
    public required string Id { get; set; }

    /// <summary>The node the token is at.</summary>
    public required string ElementId { get; set; }

    /// <summary>The scope instance the token lives in (see <see cref="ScopeState"/>); null for the process scope.</summary>
    public string? ScopeInstanceId { get; set; }

    /// <summary>The flow the token arrived by (joins count arrivals per flow).</summary>
    public string? ArrivedByFlowId { get; set; }

    /// <summary>Local variables of this token (multi-instance element variable and <c>loopCounter</c>); null when none.</summary>
    public System.Text.Json.Nodes.JsonObject? LocalVariables { get; set; }

    /// <summary>Set when an incident stopped this token while it was leaving its node: a retry completes the node instead of re-running it.</summary>
    public bool RetryByLeaving { get; set; }
}
