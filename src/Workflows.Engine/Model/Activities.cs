namespace Workflows.Engine.Model;

/// <summary>An activity: a node that does work and may carry boundary events and multi-instance characteristics.</summary>
public abstract class Activity : FlowNode
{
    /// <summary>Multi-instance settings, or null for a single instance.</summary>
    public MultiInstanceSpec? MultiInstance { get; init; }

    /// <summary>Ids of the boundary events attached to this activity.</summary>
    public IReadOnlyList<string> BoundaryEventIds { get; set; } = [];
}

/// <summary>A human task routed to an assignee or candidate groups (Camunda 7 attributes).</summary>
public sealed class UserTask : Activity
{
    /// <summary>Who does the task, what form they fill in, and when it is due.</summary>
    public UserTaskSpec Spec { get; init; } = new();

    /// <summary>The task's own SLA clock, if the model sets one.</summary>
    public SlaSpec? Sla { get; init; }

    /// <inheritdoc />
    public override string Kind => "userTask";
}

/// <summary>A service or send task: the host runs the C# handler registered under <see cref="Handler"/>.</summary>
public sealed class ServiceTask : Activity
{
    /// <summary>The handler name (<c>camunda:type</c>, <c>camunda:delegateExpression</c> or <c>wf:handler</c>).</summary>
    public required string Handler { get; init; }

    /// <summary>True for a BPMN send task.</summary>
    public bool IsSendTask { get; init; }

    /// <summary>Static input parameters from <c>camunda:inputOutput</c> / <c>wf:input</c>, name → expression.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } =
        new Dictionary<string, string>();

    /// <inheritdoc />
    public override string Kind => IsSendTask ? "sendTask" : "serviceTask";
}

/// <summary>A script task: JavaScript run in the expression sandbox; it reads and writes case variables.</summary>
public sealed class ScriptTask : Activity
{
    /// <summary>The script body.</summary>
    public required string Script { get; init; }

    /// <summary>The variable that receives the script's completion value (<c>camunda:resultVariable</c>), or null.</summary>
    public string? ResultVariable { get; init; }

    /// <inheritdoc />
    public override string Kind => "scriptTask";
}

/// <summary>A receive task: waits for a message.</summary>
public sealed class ReceiveTask : Activity
{
    /// <summary>The awaited message.</summary>
    public required MessageDefinition Message { get; init; }

    /// <inheritdoc />
    public override string Kind => "receiveTask";
}

/// <summary>An embedded sub-process: a scope with its own none start event.</summary>
public sealed class SubProcess : Activity
{
    /// <summary>Ids of the nodes directly inside this sub-process.</summary>
    public IReadOnlyList<string> ChildNodeIds { get; set; } = [];

    /// <inheritdoc />
    public override string Kind => "subProcess";
}

/// <summary>A call activity: starts a child instance of another definition and waits for it.</summary>
public sealed class CallActivity : Activity
{
    /// <summary>The called definition key (<c>calledElement</c>).</summary>
    public required string CalledElement { get; init; }

    /// <summary>Null for the latest version (<c>camunda:calledElementBinding="latest"</c>), else the pinned version.</summary>
    public int? PinnedVersion { get; init; }

    /// <summary>Variables copied into the child (null: all).</summary>
    public IReadOnlyList<string>? InVariables { get; init; }

    /// <summary>Variables copied back from the child (null: all).</summary>
    public IReadOnlyList<string>? OutVariables { get; init; }

    /// <inheritdoc />
    public override string Kind => "callActivity";
}
