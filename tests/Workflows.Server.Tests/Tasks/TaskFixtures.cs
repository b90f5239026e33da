// Fixture variants for the task specs: the shared fixtures plus the test form and checklist in the catalogue.
using Microsoft.Data.Sqlite;
using Npgsql;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>A SQLite file database whose catalogue also holds <see cref="TaskCatalogue"/>.</summary>
public sealed class TaskSqliteFixture : HostFixture
{
    /// <inheritdoc />
    public override string Provider => "Sqlite";

    /// <inheritdoc />
    public override string ConnectionString =>
        $"Data Source={Path.Combine(Folder, "workflows.db")}";

    /// <inheritdoc />
    protected override Task CreateDatabaseAsync()
    {
        TaskCatalogue.WriteTo(CatalogPath);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DropDatabaseAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}

/// <summary>A PostgreSQL database of its own (WORKFLOWS_TEST_POSTGRES) whose catalogue also holds <see cref="TaskCatalogue"/>.</summary>
public sealed class TaskPostgresFixture : HostFixture
{
    private readonly string _database = "wf_tasks_" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override string Provider => "PostgreSql";

    /// <inheritdoc />
    public override bool IsAvailable => PostgresAttribute.ConnectionString is not null;

    /// <inheritdoc />
    public override string ConnectionString => For(_database);

    /// <inheritdoc />
    protected override Task CreateDatabaseAsync()
    {
        TaskCatalogue.WriteTo(CatalogPath);
        return Task.CompletedTask;
    }

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
