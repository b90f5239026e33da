// Applies the provider's migrations at startup, safely when several server nodes start at once.
using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Data;

/// <summary>
/// Migration at startup. EF Core 9+ already serializes <c>Migrate</c> with its own lock; we additionally hold a
/// database-wide lock of our own for the whole call (PostgreSQL <c>pg_advisory_lock</c>, SQL Server
/// <c>sp_getapplock</c> with a session owner), so that creating the database and anything run after the migrations
/// (seeding) also happen on one node at a time. SQLite is single-host: its file lock and busy timeout suffice.
/// </summary>
public static class WorkflowsDatabaseMigrator
{
    /// <summary>Key of the PostgreSQL advisory lock ("WFMIGRAT" as bytes).</summary>
    public const long PostgresLockKey = 0x57464D4947524154;

    /// <summary>Resource name of the SQL Server application lock.</summary>
    public const string SqlServerLockResource = "Workflows.Migrate";

    /// <summary>Creates a scope, resolves <see cref="WorkflowsDbContext"/> and migrates it.</summary>
    public static async Task MigrateWorkflowsDatabaseAsync(
        this IServiceProvider services,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await MigrateAsync(context, cancellationToken);
    }

    /// <summary>Creates the database if missing and applies pending migrations under a database-wide lock.</summary>
    public static async Task MigrateAsync(
        WorkflowsDbContext context,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(context);
        var database = context.Database;
        if (database.IsSqlite())
        {
            if (await NothingPendingAsync(database, cancellationToken))
                return;
            if (await SqliteSchemaScript.TryCreateAsync(database, cancellationToken))
                return;
            await database.MigrateAsync(cancellationToken);
            return;
        }

        await EnsureDatabaseExistsAsync(context, cancellationToken);
        if (await NothingPendingAsync(database, cancellationToken))
            return;
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = database.GetDbConnection();
            if (database.IsNpgsql())
            {
                await ExecuteAsync(
                    connection,
                    $"SELECT pg_advisory_lock({PostgresLockKey})",
                    cancellationToken
                );
                try
                {
                    await database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    await ExecuteAsync(
                        connection,
                        $"SELECT pg_advisory_unlock({PostgresLockKey})",
                        CancellationToken.None
                    );
                }
            }
            else if (database.IsSqlServer())
            {
                await ExecuteAsync(
                    connection,
                    $"EXEC sp_getapplock @Resource = '{SqlServerLockResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                    cancellationToken
                );
                try
                {
                    await database.MigrateAsync(cancellationToken);
                }
                finally
                {
                    await ExecuteAsync(
                        connection,
                        $"EXEC sp_releaseapplock @Resource = '{SqlServerLockResource}', @LockOwner = 'Session'",
                        CancellationToken.None
                    );
                }
            }
            else
            {
                await database.MigrateAsync(cancellationToken);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    // A restart of an up-to-date database is the common case. MigrateAsync would still take EF's migration lock and
    // compare the compiled model with the last snapshot (the pending-model-changes check builds and diffs both models:
    // about a second of CPU on a 2-core node), so read the history table first and stop when every migration is there.
    // Migrations only go forward, so a later node's MigrateAsync under the lock is still correct if this races.
    private static async Task<bool> NothingPendingAsync(
        DatabaseFacade database,
        CancellationToken cancellationToken
    )
    {
        if (
            database.IsSqlite()
            && database.GetDbConnection().DataSource is { Length: > 0 } file
            && !File.Exists(file)
        )
            return false;
        // A new server database has no history table yet: asking for its rows would log a failed command at error
        // level on every first start, so ask whether the table exists first.
        if (!await database.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
            return false;
        return !(await database.GetPendingMigrationsAsync(cancellationToken)).Any();
    }

    // The lock needs an open connection, which needs the database: create it first. Two nodes may race here;
    // the loser's CREATE DATABASE fails, and it goes on if the database now exists.
    private static async Task EnsureDatabaseExistsAsync(
        WorkflowsDbContext context,
        CancellationToken cancellationToken
    )
    {
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (DbException)
        {
            if (!await creator.ExistsAsync(cancellationToken))
            {
                throw;
            }
        }
    }

    private static async Task ExecuteAsync(
        DbConnection connection,
        string sql,
        CancellationToken cancellationToken
    )
    {
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
