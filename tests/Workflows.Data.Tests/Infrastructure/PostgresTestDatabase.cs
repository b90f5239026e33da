// A uniquely named PostgreSQL database on the server of WORKFLOWS_TEST_POSTGRES, migrated; dropped afterwards.
using Npgsql;
using Workflows.Data;

namespace Workflows.Data.Tests.Infrastructure;

/// <summary>A migrated PostgreSQL database of its own (wf_test_&lt;guid&gt;).</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>Name of the database created for this fixture.</summary>
    public string DatabaseName { get; } = "wf_test_" + Guid.NewGuid().ToString("N");

    /// <summary>Builds the connection string of <paramref name="database"/> on the configured server.</summary>
    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString)
        {
            Database = database,
        }.ConnectionString;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(PostgresFactAttribute.ConnectionString))
        {
            IsAvailable = false;
            return;
        }

        Options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = ConnectionStringFor(DatabaseName),
        };
        // The migrator creates the database (as the server does on first start).
        await MigrateAsync();
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        await DropAsync(DatabaseName);
    }

    /// <summary>Drops <paramref name="database"/>, closing pooled and foreign connections to it.</summary>
    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
