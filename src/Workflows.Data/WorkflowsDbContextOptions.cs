// Builds DbContext options for the configured provider: the single place that knows Use{Sqlite,Npgsql,SqlServer}.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Data.Providers;

namespace Workflows.Data;

/// <summary>Creates provider-specific contexts and options outside DI (tests, tools, design time).</summary>
public static class WorkflowsDbContextOptions
{
    /// <summary>Configures <paramref name="builder"/> for the provider and connection string of <paramref name="options"/>.</summary>
    public static DbContextOptionsBuilder Configure(
        DbContextOptionsBuilder builder,
        WorkflowsDataOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder
                    .UseSqlite(options.ConnectionString)
                    .AddInterceptors(new SqlitePragmaInterceptor(), new SqliteWriteGate());
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(WithConnectionDefaults(options.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(options.ConnectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(options),
                    options.Provider,
                    "Unknown database provider."
                );
        }

        return builder;
    }

    /// <summary>
    /// The PostgreSQL connection string with the server's defaults for what the string does not set:
    /// <list type="bullet">
    /// <item>Npgsql's automatic statement preparation, <c>Max Auto Prepare=64</c> (statements kept prepared per physical
    /// connection) and <c>Auto Prepare Min Usages=2</c>. Without it PostgreSQL parses and plans every one of a command's
    /// statements again; with it the server benchmark completed 1.25–1.9× the instances per second
    /// (docs/benchmarks.md). <c>Max Auto Prepare=0</c> turns it off (e.g. behind a transaction-mode PgBouncer older than
    /// 1.21).</item>
    /// <item><c>No Reset On Close=true</c>: a connection going back to the pool is not reset. Npgsql otherwise sends the
    /// parts of <c>DISCARD ALL</c> that keep prepared statements (<c>CLOSE ALL</c>, <c>RESET ALL</c>, <c>UNLISTEN *</c>,
    /// <c>pg_advisory_unlock_all()</c>, <c>DISCARD SEQUENCES</c>, <c>DISCARD TEMP</c>, …) before the next command of
    /// every reopened connection, and a task's lifecycle opens three. The application leaves no session state on these
    /// connections: it sets no session settings, listens to nothing, creates no temporary tables, and releases the
    /// advisory lock it takes (<c>StartupLock</c>, the migrator) before closing; a transaction left open is rolled back
    /// by Npgsql on close whatever this says. <c>No Reset On Close=false</c> brings the reset back.</item>
    /// </list>
    /// A value in the configured string always wins. Hangfire's own connections use the configured string as given.
    /// </summary>
    public static string WithConnectionDefaults(string connectionString)
    {
        // The keys as written (the typed builder reports every known keyword as present, set or not).
        var given = new System.Data.Common.DbConnectionStringBuilder
        {
            ConnectionString = connectionString,
        };
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given(given, "Max Auto Prepare", "MaxAutoPrepare"))
            csb.MaxAutoPrepare = DefaultMaxAutoPrepare;
        if (!Given(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            csb.AutoPrepareMinUsages = 2;
        if (!Given(given, "No Reset On Close", "NoResetOnClose"))
            csb.NoResetOnClose = true;
        return csb.ConnectionString;

        static bool Given(System.Data.Common.DbConnectionStringBuilder b, params string[] keys) =>
            keys.Any(b.ContainsKey);
    }

    /// <summary>Statements Npgsql keeps prepared per connection when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>The derived context type whose migrations serve <paramref name="provider"/>.</summary>
    public static Type ContextType(DatabaseProvider provider) =>
        provider switch
        {
            DatabaseProvider.Sqlite => typeof(SqliteWorkflowsDbContext),
            DatabaseProvider.PostgreSql => typeof(PostgreSqlWorkflowsDbContext),
            DatabaseProvider.SqlServer => typeof(SqlServerWorkflowsDbContext),
            _ => throw new ArgumentOutOfRangeException(
                nameof(provider),
                provider,
                "Unknown database provider."
            ),
        };

    /// <summary>Creates a new context of the provider's derived type; the caller disposes it.</summary>
    public static WorkflowsDbContext CreateContext(WorkflowsDataOptions options) =>
        options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteWorkflowsDbContext(
                Build<SqliteWorkflowsDbContext>(options)
            ),
            DatabaseProvider.PostgreSql => new PostgreSqlWorkflowsDbContext(
                Build<PostgreSqlWorkflowsDbContext>(options)
            ),
            DatabaseProvider.SqlServer => new SqlServerWorkflowsDbContext(
                Build<SqlServerWorkflowsDbContext>(options)
            ),
            _ => throw new ArgumentOutOfRangeException(
                nameof(options),
                options.Provider,
                "Unknown database provider."
            ),
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
    public static WorkflowsDataOptions PrepareSqliteFile(
        WorkflowsDataOptions options,
        string contentRoot
    )
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return options;
        }

        var csb = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (
            csb.Mode == SqliteOpenMode.Memory
            || string.IsNullOrEmpty(csb.DataSource)
            || csb.DataSource == ":memory:"
        )
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

        return new WorkflowsDataOptions
        {
            Provider = options.Provider,
            ConnectionString = csb.ToString(),
        };
    }
}
