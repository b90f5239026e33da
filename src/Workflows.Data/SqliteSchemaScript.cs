// A new SQLite database in one go: the migrations' own script instead of applying them one by one.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflows.Data;

/// <summary>
/// Creates the schema of a new, empty SQLite database by running <c>Migrations/Sqlite/Schema.sql</c>: the script
/// <c>dotnet ef migrations script</c> generates from the SQLite migrations, history rows included. Applying the
/// migrations one by one builds each migration's target model first, which took about a second of a first start; the
/// script is the same SQL without that. A Data test fails when the script is not what the migrations generate.
/// </summary>
public static class SqliteSchemaScript
{
    /// <summary>Name of the embedded script.</summary>
    public const string ResourceName = "Workflows.Data.Migrations.Sqlite.Schema.sql";

    /// <summary>The embedded script.</summary>
    public static string Text { get; } = Load();

    /// <summary>
    /// Runs the script when the database has no table at all and says whether it did. Anything else (an older schema,
    /// a failure half-way, another process creating it at the same moment) is left to the migrations: each migration of
    /// the script commits with its history row, so whatever ran is a prefix they continue from.
    /// </summary>
    public static async Task<bool> TryCreateAsync(
        DatabaseFacade database,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)database.GetDbConnection();
            await using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
                if (
                    Convert.ToInt64(
                        await count.ExecuteScalarAsync(cancellationToken),
                        System.Globalization.CultureInfo.InvariantCulture
                    ) != 0
                )
                    return false;
            }
            try
            {
                await using var script = connection.CreateCommand();
                script.CommandText = Text;
                await script.ExecuteNonQueryAsync(cancellationToken);
                return true;
            }
            catch (SqliteException)
            {
                // The failing migration's transaction may still be open: roll it back so the migrations start clean.
                await using var rollback = connection.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                try
                {
                    await rollback.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (SqliteException)
                {
                    // No transaction was open.
                }
                return false;
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    private static string Load()
    {
        using var stream =
            typeof(SqliteSchemaScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
