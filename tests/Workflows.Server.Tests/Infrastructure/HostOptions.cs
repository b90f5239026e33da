// What a scenario may vary when it starts a host; everything else is the shipped configuration.
namespace Workflows.Server.Tests.Infrastructure;

/// <summary>Per-host settings of a test server.</summary>
/// <param name="HangfireStorage"><c>InMemory</c> or <c>Database</c> (PostgreSQL only).</param>
/// <param name="ServiceRetries">Workflows:ServiceRetries.</param>
/// <param name="MaxRequestBodyBytes">Workflows:MaxRequestBodyBytes, or null for the default.</param>
/// <param name="Services">Extra registrations (test service handlers).</param>
public sealed record HostOptions(
    string HangfireStorage = "InMemory",
    int ServiceRetries = 2,
    long? MaxRequestBodyBytes = null,
    Action<IServiceCollection>? Services = null,
    IReadOnlyDictionary<string, string>? Settings = null
);
