namespace Workflows.Engine.Model;

/// <summary>The routing behaviour of a gateway.</summary>
public enum GatewayKind
{
    /// <summary>XOR: the first outgoing flow whose condition holds, else the default.</summary>
    Exclusive,

    /// <summary>OR: every outgoing flow whose condition holds, else the default; the join waits for the branches taken.</summary>
    Inclusive,

    /// <summary>AND: fork to every outgoing flow; the join waits for every incoming flow.</summary>
    Parallel,

    /// <summary>Race between the catch events that follow; the first to fire wins.</summary>
    EventBased,
}

/// <summary>A gateway of one of the <see cref="GatewayKind"/> kinds.</summary>
public sealed class Gateway : FlowNode
{
    /// <summary>The routing behaviour.</summary>
    public required GatewayKind GatewayKind { get; init; }

    /// <summary>The id of the default outgoing flow, or null.</summary>
    public string? DefaultFlowId { get; init; }

    /// <inheritdoc />
    public override string Kind =>
        GatewayKind switch
        {
            GatewayKind.Exclusive => "exclusiveGateway",
            GatewayKind.Inclusive => "inclusiveGateway",
            GatewayKind.Parallel => "parallelGateway",
            _ => "eventBasedGateway",
        };
}
