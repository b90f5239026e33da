// Design-time factories for dotnet-ef: each builds its provider's context with a placeholder connection string
// (adding migrations or scripting them opens no connection), so no host is needed.
using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Data.Providers;

/// <summary>dotnet-ef factory for <see cref="SqliteWorkflowsDbContext"/>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowsDbContext>
{
    /// <inheritdoc />
    public SqliteWorkflowsDbContext CreateDbContext(string[] args) =>
        new(
            WorkflowsDbContextOptions.Build<SqliteWorkflowsDbContext>(
                new WorkflowsDataOptions
                {
                    Provider = DatabaseProvider.Sqlite,
                    ConnectionString = "Data Source=design-time.db",
                }
            )
        );
}

/// <summary>dotnet-ef factory for <see cref="PostgreSqlWorkflowsDbContext"/>.</summary>
public sealed class PostgreSqlDesignTimeFactory
    : IDesignTimeDbContextFactory<PostgreSqlWorkflowsDbContext>
{
    /// <inheritdoc />
    public PostgreSqlWorkflowsDbContext CreateDbContext(string[] args) =>
        new(
            WorkflowsDbContextOptions.Build<PostgreSqlWorkflowsDbContext>(
                new WorkflowsDataOptions
                {
                    Provider = DatabaseProvider.PostgreSql,
                    ConnectionString = "Host=localhost;Database=workflows",
                }
            )
        );
}

/// <summary>dotnet-ef factory for <see cref="SqlServerWorkflowsDbContext"/>.</summary>
public sealed class SqlServerDesignTimeFactory
    : IDesignTimeDbContextFactory<SqlServerWorkflowsDbContext>
{
    /// <inheritdoc />
    public SqlServerWorkflowsDbContext CreateDbContext(string[] args) =>
        new(
            WorkflowsDbContextOptions.Build<SqlServerWorkflowsDbContext>(
                new WorkflowsDataOptions
                {
                    Provider = DatabaseProvider.SqlServer,
                    ConnectionString =
                        "Server=localhost;Database=Workflows;Trusted_Connection=True;TrustServerCertificate=True",
                }
            )
        );
}
