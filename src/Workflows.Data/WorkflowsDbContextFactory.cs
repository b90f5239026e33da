// IDbContextFactory for background work (dispatcher, timers) that needs a short-lived context outside a request scope.
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data;

/// <summary>Creates contexts of the configured provider's derived type.</summary>
public sealed class WorkflowsDbContextFactory : IDbContextFactory<WorkflowsDbContext>
{
    private readonly WorkflowsDataOptions _options;

    /// <summary>Creates the factory.</summary>
    public WorkflowsDbContextFactory(WorkflowsDataOptions options) => _options = options;

    /// <inheritdoc />
    public WorkflowsDbContext CreateDbContext() =>
        WorkflowsDbContextOptions.CreateContext(_options);
}
