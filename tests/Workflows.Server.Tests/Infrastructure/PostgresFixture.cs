// A uniquely named database (wf_srv_<guid>) on the PostgreSQL server of WORKFLOWS_TEST_POSTGRES, dropped afterwards.
using Npgsql;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>Hosts on a PostgreSQL database of their own.</summary>
public sealed class PostgresFixture : HostFixture
{
    private readonly string _database = "wf_srv_" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override string Provider => "PostgreSql";

    /// <inheritdoc />
    public override bool IsAvailable => PostgresAttribute.ConnectionString is not null;

    /// <inheritdoc />
    public override string ConnectionString => For(_database);

    /// <inheritdoc />
    protected override Task CreateDatabaseAsync() => Task.CompletedTask; // the server's migrator creates the database

    /// <inheritdoc />
    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(For("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    private static string For(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresAttribute.ConnectionString)
        {
            Database = database,
        }.ConnectionString;
}
