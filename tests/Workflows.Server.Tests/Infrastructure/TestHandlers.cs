// Service task handlers for the scenarios: they count their invocations per instance and fail on request.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Workflows.Server.Application;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>A handler that counts invocations per instance, fails its first <see cref="FailuresBeforeSuccess"/> calls per
/// instance, and fails always while <see cref="Broken"/>.</summary>
public sealed class CountingHandler(string name, int failuresBeforeSuccess = 0)
    : IServiceTaskHandler
{
    private readonly ConcurrentDictionary<Guid, int> _calls = new();

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>How many first calls per instance fail.</summary>
    public int FailuresBeforeSuccess { get; } = failuresBeforeSuccess;

    /// <summary>While true every call fails.</summary>
    public bool Broken { get; set; }

    /// <summary>Invocations for an instance so far.</summary>
    public int CallsFor(Guid instanceId) => _calls.GetValueOrDefault(instanceId);

    /// <inheritdoc />
    public Task<JsonObject?> ExecuteAsync(ServiceTaskContext context, CancellationToken ct)
    {
        var calls = _calls.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
        if (Broken || calls <= FailuresBeforeSuccess)
            throw new InvalidOperationException($"{Name} failed on call {calls}");
        return Task.FromResult<JsonObject?>(new JsonObject { [$"{Name}Calls"] = calls });
    }

    /// <summary>Registers this handler in a host.</summary>
    public void Register(IServiceCollection services) =>
        services.AddSingleton<IServiceTaskHandler>(this);
}
