namespace Workflows.Engine.Model;

/// <summary>Multi-instance characteristics: one inner instance per collection element (or a cardinality), in parallel or one after another.</summary>
public sealed record MultiInstanceSpec
{
    /// <summary>True for one after another; false for all at once.</summary>
    public bool IsSequential { get; init; }

    /// <summary>An expression giving the collection (<c>camunda:collection</c>), e.g. <c>${bureaus}</c>.</summary>
    public string? Collection { get; init; }

    /// <summary>The variable that holds the current element in each inner instance (<c>camunda:elementVariable</c>).</summary>
    public string? ElementVariable { get; init; }

    /// <summary>An expression for the number of instances (<c>loopCardinality</c>) when there is no collection.</summary>
    public string? Cardinality { get; init; }

    /// <summary>An expression checked after each inner completion; when true the remaining instances are cancelled.
    /// It sees <c>nrOfInstances</c>, <c>nrOfCompletedInstances</c> and <c>nrOfActiveInstances</c>.</summary>
    public string? CompletionCondition { get; init; }
}
