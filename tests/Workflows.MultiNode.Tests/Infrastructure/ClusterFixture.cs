// A two-node cluster shared by the specs of one class (each spec deploys definitions with keys of its own).
namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Starts a two-node <see cref="Cluster"/> once per spec class; does nothing without PostgreSQL.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>The cluster (null without PostgreSQL).</summary>
    public Cluster? Cluster { get; private set; }

    /// <summary>Node A.</summary>
    public ServerNode A => Cluster!.Nodes[0];

    /// <summary>Node B.</summary>
    public ServerNode B => Cluster!.Nodes[1];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is null)
            return;
        Cluster = new Cluster();
        await Cluster.StartAsync(2);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Cluster is not null)
            await Cluster.DisposeAsync();
    }
}
