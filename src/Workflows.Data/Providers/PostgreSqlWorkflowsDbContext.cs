// The PostgreSQL flavour of the model; exists so PostgreSQL migrations live apart (Migrations/PostgreSql).
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data.Providers;

/// <summary>The workflow context on PostgreSQL.</summary>
public sealed class PostgreSqlWorkflowsDbContext : WorkflowsDbContext
{
    /// <summary>Creates the context.</summary>
    public PostgreSqlWorkflowsDbContext(DbContextOptions<PostgreSqlWorkflowsDbContext> options)
        : base(options) { }
}
