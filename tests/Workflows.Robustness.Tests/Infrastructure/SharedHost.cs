// One in-process host shared by the security and hostile-input classes: starting a server costs seconds on this machine.
namespace Workflows.Robustness.Tests.Infrastructure;

/// <summary>The shared host (xunit collection fixture).</summary>
public sealed class SharedHost : IAsyncLifetime
{
    /// <summary>The running host.</summary>
    public RobustHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await RobustHost.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>The collection of classes sharing <see cref="SharedHost"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHost>
{
    /// <summary>The collection name.</summary>
    public const string Name = "shared host";
}
