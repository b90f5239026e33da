// A new SQLite database is created from the embedded script: it must be exactly what the migrations generate, and the
// database it builds must equal one built by applying the migrations one by one.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Data.Providers;

namespace Workflows.Data.Tests.Model;

public sealed class SqliteSchemaScriptTests : IDisposable
{
    private readonly string _directory = Path.Combine(
        Path.GetTempPath(),
        "workflows-data-tests",
        Guid.NewGuid().ToString("N")
    );

    public SqliteSchemaScriptTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public void The_embedded_script_is_what_the_sqlite_migrations_generate()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        var generated = context.GetService<IMigrator>().GenerateScript();

        Assert.True(
            Normalize(generated) == Normalize(SqliteSchemaScript.Text),
            "src/Workflows.Data/Migrations/Sqlite/Schema.sql is stale: regenerate it as Migrations/README.md says after adding a migration."
        );
    }

    [Fact]
    public async Task A_new_database_from_the_script_equals_one_migrated_step_by_step()
    {
        var scripted = Options("scripted.db");
        var migrated = Options("migrated.db");
        await using (var context = WorkflowsDbContextOptions.CreateContext(scripted))
        {
            Assert.True(await SqliteSchemaScript.TryCreateAsync(context.Database));
            await WorkflowsDatabaseMigrator.MigrateAsync(context);
        }
        await using (var context = WorkflowsDbContextOptions.CreateContext(migrated))
            await context.Database.MigrateAsync();

        Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(scripted));
        Assert.Equal(await HistoryAsync(migrated), await HistoryAsync(scripted));
        await using var check = WorkflowsDbContextOptions.CreateContext(scripted);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(check.Database.GetMigrations(), await HistoryAsync(scripted));
    }

    [Fact]
    public async Task A_database_with_tables_already_is_left_to_the_migrations_which_finish_it()
    {
        var options = Options("partial.db");
        await using (var context = WorkflowsDbContextOptions.CreateContext(options))
        {
            var first = context.Database.GetMigrations().First();
            await context.GetService<IMigrator>().MigrateAsync(first);
            Assert.False(await SqliteSchemaScript.TryCreateAsync(context.Database));
        }

        await using (var context = WorkflowsDbContextOptions.CreateContext(options))
        {
            await WorkflowsDatabaseMigrator.MigrateAsync(context);
            Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        }
        Assert.Equal(
            await SchemaAsync(Options("reference.db", migrate: true)),
            await SchemaAsync(options)
        );
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private WorkflowsDataOptions Options(string file, bool migrate = false)
    {
        var options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_directory, file)}",
        };
        if (migrate)
        {
            using var context = WorkflowsDbContextOptions.CreateContext(options);
            context.Database.Migrate();
        }
        return options;
    }

    // Every table, index and trigger with its SQL, EF's own lock table aside (MigrateAsync creates it to serialize itself).
    private static Task<List<string>> SchemaAsync(WorkflowsDataOptions options) =>
        StringsAsync(
            options,
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE '__EFMigrationsLock%' ORDER BY type, name"
        );

    private static Task<List<string>> HistoryAsync(WorkflowsDataOptions options) =>
        StringsAsync(options, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId");

    private static async Task<List<string>> StringsAsync(WorkflowsDataOptions options, string sql)
    {
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static string Normalize(string sql) =>
        sql.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
