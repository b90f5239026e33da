// Registers the workflow database: options, the scoped context and a context factory.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data.Providers;

namespace Workflows.Data;

/// <summary>DI registration of Workflows.Data.</summary>
public static class WorkflowsDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkflowsDataOptions"/> (singleton), <see cref="WorkflowsDbContext"/> (scoped, rented from a pool; its runtime type is the
    /// provider's derived context) and <see cref="IDbContextFactory{WorkflowsDbContext}"/> (singleton), from
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Workflows</c>. A SQLite file's directory is created here.
    /// </summary>
    public static IServiceCollection AddWorkflowsData(
        this IServiceCollection services,
        IConfiguration configuration,
        string contentRoot
    )
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = WorkflowsDbContextOptions.PrepareSqliteFile(
            WorkflowsDataOptions.FromConfiguration(configuration, contentRoot),
            contentRoot
        );
        return services.AddWorkflowsData(options);
    }

    /// <summary>Same as the configuration overload, with options already resolved (tests).</summary>
    public static IServiceCollection AddWorkflowsData(
        this IServiceCollection services,
        WorkflowsDataOptions options
    )
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<IDbContextFactory<WorkflowsDbContext>, WorkflowsDbContextFactory>();
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                Register<SqliteWorkflowsDbContext>(services, options);
                break;
            case DatabaseProvider.PostgreSql:
                Register<PostgreSqlWorkflowsDbContext>(services, options);
                break;
            case DatabaseProvider.SqlServer:
                Register<SqlServerWorkflowsDbContext>(services, options);
                break;
            default:
                throw new ArgumentOutOfRangeException(
                    nameof(options),
                    options.Provider,
                    "Unknown database provider."
                );
        }

        return services;
    }

    // Contexts kept for reuse per process; more concurrent scopes than this still work, their contexts are just not kept.
    private const int PoolSize = 64;

    private static void Register<TContext>(
        IServiceCollection services,
        WorkflowsDataOptions options
    )
        where TContext : WorkflowsDbContext
    {
        // Pooled: a scope rents a context whose EF internals (service scope, state manager, connection object) are
        // reused instead of built anew, which the profile of a command showed as a tenth of its CPU. The context keeps
        // no state of its own beyond what EF resets on return (change tracker, transaction, connection).
        services.AddDbContextPool<WorkflowsDbContext, TContext>(
            builder => WorkflowsDbContextOptions.Configure(builder, options),
            PoolSize
        );
    }
}
