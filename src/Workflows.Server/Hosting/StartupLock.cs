// A database-wide lock around the start-up work that must not run on two nodes at once (seeding, catalogue deployment).
using System.Data;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Hosting;

/// <summary>
/// Held on a connection of its own for the duration of a block: PostgreSQL <c>pg_advisory_lock</c>, SQL Server
/// <c>sp_getapplock</c> with a session owner; both are released when the connection closes, so a node that dies while
/// holding it releases it. SQLite is single-host and takes no lock. Without it, two nodes starting together both seed
/// the demo users and the second one crashes on a duplicate user name.
/// </summary>
public static class StartupLock
{
    /// <summary>Key of the PostgreSQL advisory lock ("WFSTARTU" as bytes).</summary>
    public const long PostgresLockKey = 0x5746535441525455;

    /// <summary>Resource name of the SQL Server application lock.</summary>
    public const string SqlServerLockResource = "Workflows.Startup";

    /// <summary>Waits for the lock; dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(
        IServiceProvider services,
        CancellationToken ct
    )
    {
        var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>().Database;
        string? release = null;
        if (database.IsNpgsql())
        {
            await database.OpenConnectionAsync(ct);
            await ExecuteAsync(database, $"SELECT pg_advisory_lock({PostgresLockKey})", ct);
            release = $"SELECT pg_advisory_unlock({PostgresLockKey})";
        }
        else if (database.IsSqlServer())
        {
            await database.OpenConnectionAsync(ct);
            await ExecuteAsync(
                database,
                $"EXEC sp_getapplock @Resource = '{SqlServerLockResource}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
                ct
            );
            release =
                $"EXEC sp_releaseapplock @Resource = '{SqlServerLockResource}', @LockOwner = 'Session'";
        }
        return new Held(scope, database, release);
    }

    private static async Task ExecuteAsync(
        Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database,
        string sql,
        CancellationToken ct
    )
    {
        var connection = database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
            await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteScalarAsync(ct);
    }

    private sealed class Held(
        AsyncServiceScope scope,
        Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database,
        string? release
    ) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (release is not null)
                {
                    await ExecuteAsync(database, release, CancellationToken.None);
                    await database.CloseConnectionAsync();
                }
            }
            finally
            {
                await scope.DisposeAsync();
            }
        }
    }
}
