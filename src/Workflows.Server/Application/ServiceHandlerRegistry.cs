using System.Text.Json.Nodes;

namespace Workflows.Server.Application;

/// <summary>A C# handler for service and send tasks, registered by the name a BPMN file uses (<c>camunda:type</c> / <c>wf:handler</c>).</summary>
public interface IServiceTaskHandler
{
    /// <summary>The handler name.</summary>
    string Name { get; }

    /// <summary>Runs the handler. Return output variables, or throw <see cref="BpmnErrorException"/> for a modelled business error;
    /// any other exception is a technical failure that is retried and then becomes an incident.</summary>
    Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct);
}

/// <summary>What a handler sees: the instance, the element and its input.</summary>
public sealed record ServiceTaskContext(
    Guid InstanceId,
    string? BusinessKey,
    string ElementId,
    string InvocationId,
    JsonObject Input
);

/// <summary>A business outcome a handler reports as a BPMN error (caught by an error boundary event in the model).</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null)
    : Exception(message ?? errorCode)
{
    /// <summary>The BPMN error code.</summary>
    public string ErrorCode { get; } = errorCode;
}

/// <summary>The registered handlers by name.</summary>
public sealed class ServiceHandlerRegistry(IEnumerable<IServiceTaskHandler> handlers)
{
    private readonly Dictionary<string, IServiceTaskHandler> _byName = handlers.ToDictionary(
        h => h.Name,
        StringComparer.Ordinal
    );

    /// <summary>Every handler name.</summary>
    public IReadOnlySet<string> Names => _byName.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>A handler, or null.</summary>
    public IServiceTaskHandler? Find(string name) => _byName.GetValueOrDefault(name);
}
