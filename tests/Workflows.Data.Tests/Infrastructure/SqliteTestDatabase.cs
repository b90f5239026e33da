// A SQLite file in a fresh temp directory, migrated; the directory is deleted afterwards.
using Microsoft.Data.Sqlite;
using Workflows.Data;

namespace Workflows.Data.Tests.Infrastructure;

/// <summary>A migrated SQLite file database.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "workflows-data-tests",
        Guid.NewGuid().ToString("N")
    );

    /// <summary>Path of the database file.</summary>
    public string FilePath => Path.Combine(_directory, "workflows.db");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={FilePath}",
        };
        await MigrateAsync();
    }

    /// <summary>
    /// Replaces the database at the same path: every file of it (the WAL included) deleted, then created and migrated
    /// again, as a restore or an operator would. Connections kept open on the old file must notice.
    /// </summary>
    public async Task ReplaceFileAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_directory))
            File.Delete(file);
        await MigrateAsync();
    }

    /// <inheritdoc />
    public override Task DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
