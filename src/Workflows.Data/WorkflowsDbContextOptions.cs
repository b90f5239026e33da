// Builds DbContext options for the configured provider: the single place that knows Use{Sqlite,Npgsql,SqlServer}.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Providers;

namespace Workflows.Data;

/// <summary>Creates provider-specific contexts and options outside DI (tests, tools, design time).</summary>
public static class WorkflowsDbContextOptions
{
    /// <summary>Configures <paramref name="builder"/> for the provider and connection string of <paramref name="options"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, WorkflowsDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(options.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString);
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return builder;
    }

    /// <summary>The derived context type whose migrations serve <paramref name="provider"/>.</summary>
    public static Type ContextType(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteWorkflowsDbContext),
        DatabaseProvider.PostgreSql => typeof(PostgreSqlWorkflowsDbContext),
        DatabaseProvider.SqlServer => typeof(SqlServerWorkflowsDbContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>Creates a new context of the provider's derived type; the caller disposes it.</summary>
    public static WorkflowsDbContext CreateContext(WorkflowsDataOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteWorkflowsDbContext(Build<SqliteWorkflowsDbContext>(options)),
        DatabaseProvider.PostgreSql => new PostgreSqlWorkflowsDbContext(Build<PostgreSqlWorkflowsDbContext>(options)),
        DatabaseProvider.SqlServer => new SqlServerWorkflowsDbContext(Build<SqlServerWorkflowsDbContext>(options)),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider."),
    };

    /// <summary>Typed options for <typeparamref name="TContext"/>.</summary>
    public static DbContextOptions<TContext> Build<TContext>(WorkflowsDataOptions options)
        where TContext : WorkflowsDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, options);
        return builder.Options;
    }

    /// <summary>
    /// For a SQLite file database: resolves a relative Data Source against <paramref name="contentRoot"/> and creates
    /// its directory. Other providers and in-memory SQLite are returned unchanged.
    /// </summary>
    public static WorkflowsDataOptions PrepareSqliteFile(WorkflowsDataOptions options, string contentRoot)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options;
        }

        var csb = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (csb.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:")
        {
            return options;
        }

        if (!Path.IsPathRooted(csb.DataSource))
        {
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, csb.DataSource));
        }

        var directory = Path.GetDirectoryName(csb.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new WorkflowsDataOptions { Provider = options.Provider, ConnectionString = csb.ToString() };
    }
}
