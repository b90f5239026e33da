// The SQL Server flavour of the model; exists so SQL Server migrations live apart (Migrations/SqlServer).
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data.Providers;

/// <summary>The workflow context on SQL Server.</summary>
public sealed class SqlServerWorkflowsDbContext : WorkflowsDbContext
{
    /// <summary>Creates the context.</summary>
    public SqlServerWorkflowsDbContext(DbContextOptions<SqlServerWorkflowsDbContext> options)
        : base(options) { }
}
