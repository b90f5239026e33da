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
    /// Registers <see cref="WorkflowsDataOptions"/> (singleton), <see cref="WorkflowsDbContext"/> (scoped; its runtime type is the
    /// provider's derived context) and <see cref="IDbContextFactory{WorkflowsDbContext}"/> (singleton), from
    /// <c>Database:Provider</c> and <c>ConnectionStrings:Workflows</c>. A SQLite file's directory is created here.
    /// </summary>
    public static IServiceCollection AddWorkflowsData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = WorkflowsDbContextOptions.PrepareSqliteFile(
            WorkflowsDataOptions.FromConfiguration(configuration, contentRoot), contentRoot);
        return services.AddWorkflowsData(options);
    }

    /// <summary>Same as the configuration overload, with options already resolved (tests).</summary>
    public static IServiceCollection AddWorkflowsData(this IServiceCollection services, WorkflowsDataOptions options)
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
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return services;
    }

    private static void Register<TContext>(IServiceCollection services, WorkflowsDataOptions options)
        where TContext : WorkflowsDbContext
    {
        services.AddDbContext<WorkflowsDbContext, TContext>(
            builder => WorkflowsDbContextOptions.Configure(builder, options),
            ServiceLifetime.Scoped,
            ServiceLifetime.Singleton);
    }
}
