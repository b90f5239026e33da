// Puts every SQLite connection in WAL mode with a busy timeout, so readers never block the writer
// and a second writer waits instead of failing with "database is locked".
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Data.Providers;

/// <summary>
/// Runs the SQLite pragmas once per physical connection (journal_mode is persistent; the others are per connection).
/// Microsoft.Data.Sqlite pools physical connections, and EF Core opens and closes one around every query, so running
/// them on every open cost four extra statements per query; a pooled connection keeps its settings.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>The pragmas run on open.</summary>
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    // Physical connections (their native handles) already set up; weak, so a handle closed by the pool is forgotten.
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection, out var handle))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(handle);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection, out var handle))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(handle);
    }

    private static bool FirstOpen(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Configured.TryGetValue(handle, out _);
    }

    private static void Remember(object? handle)
    {
        if (handle is not null)
            Configured.AddOrUpdate(handle, handle);
    }
}
