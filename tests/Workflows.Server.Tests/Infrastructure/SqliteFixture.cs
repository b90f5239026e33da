// A real SQLite file in the fixture's temp folder.
using Microsoft.Data.Sqlite;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>Hosts on a SQLite file database.</summary>
public sealed class SqliteFixture : HostFixture
{
    /// <inheritdoc />
    public override string Provider => "Sqlite";

    /// <inheritdoc />
    public override string ConnectionString =>
        $"Data Source={Path.Combine(Folder, "workflows.db")}";

    /// <inheritdoc />
    protected override Task CreateDatabaseAsync() => Task.CompletedTask; // the server's migrator creates the file

    /// <inheritdoc />
    protected override Task DropDatabaseAsync()
    {
        // Pooled connections keep the file open; release them so the folder can be deleted.
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask;
    }
}
