// A real, migrated database owned by one test class (xunit class fixture): created in InitializeAsync, removed in DisposeAsync.
using Workflows.Data;

namespace Workflows.Data.Tests.Infrastructure;

/// <summary>Base of the per-provider test databases.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary>Provider and connection string of the database under test.</summary>
    public WorkflowsDataOptions Options { get; protected set; } = new();

    /// <summary>False when the provider is not configured here (PostgreSQL without its variable): tests are skipped anyway.</summary>
    public bool IsAvailable { get; protected set; } = true;

    /// <summary>A fresh context of the provider's derived type; the caller disposes it.</summary>
    public WorkflowsDbContext CreateContext() => WorkflowsDbContextOptions.CreateContext(Options);

    /// <inheritdoc />
    public abstract Task InitializeAsync();

    /// <inheritdoc />
    public abstract Task DisposeAsync();

    /// <summary>Applies the migrations the way the server does.</summary>
    protected async Task MigrateAsync()
    {
        await using var context = CreateContext();
        await WorkflowsDatabaseMigrator.MigrateAsync(context);
    }
}
