// The resolved database settings, registered as a singleton by AddWorkflowsData.
using Microsoft.Extensions.Configuration;

namespace Workflows.Data;

/// <summary>Database provider and connection string.</summary>
public sealed class WorkflowsDataOptions
{
    /// <summary>Configuration key of the provider name.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>Name of the connection string (ConnectionStrings:Workflows).</summary>
    public const string ConnectionStringName = "Workflows";

    /// <summary>The database engine.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>The ADO.NET connection string.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// Reads <c>Database:Provider</c> (Sqlite by default; case-insensitive) and <c>ConnectionStrings:Workflows</c>.
    /// Without a connection string, SQLite uses <c>&lt;contentRoot&gt;/App_Data/workflows.db</c>; the other providers throw.
    /// </summary>
    public static WorkflowsDataOptions FromConfiguration(
        IConfiguration configuration,
        string contentRoot
    )
    {
        var providerText = configuration[ProviderKey];
        var provider = DatabaseProvider.Sqlite;
        if (
            !string.IsNullOrWhiteSpace(providerText)
            && !Enum.TryParse(providerText.Trim(), ignoreCase: true, out provider)
        )
        {
            throw new InvalidOperationException(
                $"{ProviderKey} is '{providerText}'; expected one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}."
            );
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString =
                provider == DatabaseProvider.Sqlite
                    ? $"Data Source={Path.Combine(contentRoot, "App_Data", "workflows.db")}"
                    : throw new InvalidOperationException(
                        $"ConnectionStrings:{ConnectionStringName} is required when {ProviderKey} is {provider}."
                    );
        }

        return new WorkflowsDataOptions
        {
            Provider = provider,
            ConnectionString = connectionString,
        };
    }
}
