// The SQLite flavour of the model; exists so SQLite migrations live apart (Migrations/Sqlite).
using Microsoft.EntityFrameworkCore;

namespace Workflows.Data.Providers;

/// <summary>The workflow context on SQLite.</summary>
public sealed class SqliteWorkflowsDbContext : WorkflowsDbContext
{
    /// <summary>Creates the context.</summary>
    public SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options)
        : base(options) { }
}
