// Puts every SQLite connection in WAL mode with a busy timeout, so readers never block the writer
// and a second writer waits instead of failing with "database is locked".
using System.Collections.Concurrent;
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
    public const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    /// <summary>Added for a file whose WAL a background checkpointer copies back (see <see cref="CheckpointInBackground"/>).</summary>
    public const string NoAutomaticCheckpoints = " PRAGMA wal_autocheckpoint=0;";

    // Physical connections (their native handles) already set up; weak, so a handle closed by the pool is forgotten.
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    // Files (full paths) whose connections leave checkpoints to a background checkpointer.
    private static readonly ConcurrentDictionary<string, byte> BackgroundCheckpointed = new(
        StringComparer.Ordinal
    );

    /// <summary>
    /// From now on, connections to the file of <paramref name="connectionString"/> run no automatic checkpoint: SQLite
    /// runs one in the commit that takes the WAL past 1,000 pages, copying them into the database file and syncing it
    /// while that transaction still holds the write lock (5–25 ms, once per 45 to 90 commits: a third or more of the
    /// time the lock was held, in the server benchmark). The caller must then checkpoint the file itself, outside the lock (the
    /// server's <c>SqliteCheckpointer</c>). Pooled connections set up before are cleared.
    /// </summary>
    public static void CheckpointInBackground(string connectionString)
    {
        BackgroundCheckpointed[FileOf(connectionString)] = 0;
        ClearPool(connectionString);
    }

    /// <summary>Undoes <see cref="CheckpointInBackground"/>: connections opened from now on checkpoint automatically again.</summary>
    public static void CheckpointAutomatically(string connectionString)
    {
        BackgroundCheckpointed.TryRemove(FileOf(connectionString), out _);
        ClearPool(connectionString);
    }

    /// <summary>Changes whenever the pragmas of some file change; connections kept open outside the pool reopen then.</summary>
    internal static long Generation => Interlocked.Read(ref _generation);

    private static long _generation;

    // Handles set up before the change are closed, so every connection opened from now on runs the pragmas anew.
    private static void ClearPool(string connectionString)
    {
        Interlocked.Increment(ref _generation);
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string FileOf(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    /// <summary>The pragmas a connection to the file of <paramref name="connectionString"/> runs when first opened.</summary>
    internal static string PragmasFor(string connectionString) =>
        !BackgroundCheckpointed.IsEmpty
        && BackgroundCheckpointed.ContainsKey(FileOf(connectionString))
            ? Pragmas + NoAutomaticCheckpoints
            : Pragmas;

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection, out var handle))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection.ConnectionString);
        command.ExecuteNonQuery();
        Remember(handle);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        if (!FirstOpen(connection, out var handle))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = PragmasFor(connection.ConnectionString);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(handle);
    }

    /// <summary>
    /// Copies the WAL's committed pages back into the database file without waiting for readers or writers
    /// (<c>PRAGMA wal_checkpoint(PASSIVE)</c>); returns the WAL's frames and how many of them are now in the file.
    /// </summary>
    public static (long Frames, long Checkpointed) CheckpointPassive(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// The WAL frames past which <see cref="CheckpointAsync"/> restarts the WAL (4,096 frames: 16 MiB of 4 KiB pages).
    /// </summary>
    public const long RestartFrames = 4096;

    /// <summary>
    /// A passive checkpoint (<see cref="CheckpointPassive"/>) and, once the WAL holds <see cref="RestartFrames"/> frames
    /// or more, a <c>PRAGMA wal_checkpoint(RESTART)</c> in a turn at the file's write lock (<see cref="SqliteWriteGate"/>),
    /// so the next commit writes the WAL from its start again. Returns the frames, the frames copied into the file, and
    /// whether the WAL was restarted.
    /// </summary>
    /// <remarks>
    /// Why: a commit starts the WAL afresh only when the last checkpoint copied every frame and no reader is reading
    /// from the WAL. Under steady load there is always a newer frame or a reader, so passive checkpoints alone let the
    /// WAL grow without bound: 1.5–5 GB of disk during one run of the server benchmark, and every frame appended to it
    /// made the file system allocate and zero a new block (6 % of the server's CPU in the profile of session 13); a
    /// restarted WAL is written over its old blocks. The restart checkpoint
    /// holds the write lock while it copies the frames written since the last passive one and waits, at most
    /// <paramref name="readerWait"/>, for readers to leave the WAL; writers of this process wait for their turn meanwhile.
    /// </remarks>
    public static async Task<(long Frames, long Checkpointed, bool Restarted)> CheckpointAsync(
        SqliteConnection connection,
        string connectionString,
        TimeSpan readerWait,
        CancellationToken cancellationToken
    )
    {
        var (frames, checkpointed) = CheckpointPassive(connection);
        if (frames < RestartFrames)
            return (frames, checkpointed, false);
        var turn = await SqliteWriteGate.TakeTurnAsync(connectionString, cancellationToken);
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={(long)readerWait.TotalMilliseconds}";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA wal_checkpoint(RESTART)";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(0) == 0);
        }
        finally
        {
            turn?.Release();
        }
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
