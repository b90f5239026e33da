// What the SQLite connections kept open outside the pool share (the group writer's, SqliteCommitGroups; the kept
// readers', SqliteReadSessions): when they close for idleness, and how they notice that their file was replaced.
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Data.Providers;

/// <summary>
/// The sweeper that closes kept SQLite connections left idle for <see cref="IdleClose"/>, and the identity of the file a
/// kept connection opened.
/// </summary>
internal static class SqliteKeptConnections
{
    /// <summary>How long a kept connection stays open unused.</summary>
    public static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(2);

    private static Timer? _sweeper;

    /// <summary>Starts the sweeper (once per process): every second it closes the kept connections idle for <see cref="IdleClose"/>.</summary>
    public static void StartSweeper()
    {
        if (Volatile.Read(ref _sweeper) is not null)
            return;
        var sweeper = new Timer(_ => Sweep(), null, Timeout.Infinite, Timeout.Infinite);
        if (Interlocked.CompareExchange(ref _sweeper, sweeper, null) is null)
            sweeper.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        else
            sweeper.Dispose();
    }

    /// <summary>The full path of the database file, or null for a database a kept connection cannot serve (in memory, opened read-only).</summary>
    public static string? WritableFileOf(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (
            csb.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly
            || string.IsNullOrEmpty(csb.DataSource)
            || csb.DataSource == ":memory:"
        )
            return null;
        return Path.GetFullPath(csb.DataSource);
    }

    private static void Sweep()
    {
        SqliteCommitGroups.CloseIdle(IdleClose);
        SqliteReadSessions.CloseIdle(IdleClose);
    }

    // The identity of the file a path names: device and inode on Linux (statx; the same on every architecture), else only
    // whether it exists (Windows refuses to delete a file SQLite holds open). Not a file's times: .NET reports the
    // change time as the creation time where the file system keeps no birth time, and every checkpoint changes it.
    internal static class FileIdentity
    {
        private static bool _statx = OperatingSystem.IsLinux();

        /// <summary>Bytes of a <c>struct statx</c>.</summary>
        public const int BufferSize = 256;

        // The caller's buffer (the writer's own, used under its lock): no allocation per group.
        public static (ulong Device, ulong Inode) Of(string path, byte[] buffer)
        {
            if (Volatile.Read(ref _statx))
            {
                try
                {
                    if (statx(AtCurrentDirectory, path, 0, StatxIno, buffer) != 0)
                        return (0, 0);
                    var device =
                        ((ulong)BitConverter.ToUInt32(buffer, 136) << 32)
                        | BitConverter.ToUInt32(buffer, 140);
                    return (device, BitConverter.ToUInt64(buffer, 32));
                }
                catch (Exception ex)
                    when (ex is EntryPointNotFoundException or DllNotFoundException)
                {
                    Volatile.Write(ref _statx, false);
                }
            }
            return File.Exists(path) ? (1UL, 1UL) : (0UL, 0UL);
        }

        private const int AtCurrentDirectory = -100;
        private const uint StatxIno = 0x100;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054, CA5392 // a plain blittable call; libc is resolved by the runtime's own probing
        private static extern int statx(
            int dirfd,
            string pathname,
            int flags,
            uint mask,
            byte[] buffer
        );
#pragma warning restore SYSLIB1054, CA5392
    }
}

/// <summary>
/// A SQLite connection kept open outside Microsoft.Data.Sqlite's pool with the statements it has prepared (a command's
/// statements are disposed when its connection closes, so they live exactly as long as this): the group writer's and
/// each read session's. Used by one caller at a time.
/// </summary>
internal sealed class KeptConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly int _maxCommands;
    private readonly string _file;
    private readonly long _generation;
    private readonly (ulong, ulong) _identity;
    private readonly byte[] _statxBuffer = new byte[SqliteKeptConnections.FileIdentity.BufferSize];

    private KeptConnection(
        SqliteConnection connection,
        string file,
        long generation,
        int maxCommands
    )
    {
        Connection = connection;
        _file = file;
        _generation = generation;
        _maxCommands = maxCommands;
        _identity = SqliteKeptConnections.FileIdentity.Of(file, _statxBuffer);
    }

    public SqliteConnection Connection { get; }

    /// <summary>
    /// Opens an unpooled connection to <paramref name="file"/> (of <paramref name="connectionString"/>) and runs the file's
    /// pragmas and <paramref name="morePragmas"/>; at most <paramref name="maxCommands"/> prepared statements are kept.
    /// </summary>
    public static KeptConnection Open(
        string connectionString,
        string file,
        string morePragmas,
        int maxCommands
    )
    {
        var generation = SqlitePragmaInterceptor.Generation;
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()
        );
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText =
                SqlitePragmaInterceptor.PragmasFor(connectionString) + morePragmas;
            pragmas.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return new KeptConnection(connection, file, generation, maxCommands);
    }

    /// <summary>Whether the pragmas are unchanged since the open and the path still names the file it opened (one <c>statx</c>).</summary>
    public bool IsCurrent =>
        _generation == SqlitePragmaInterceptor.Generation
        && SqliteKeptConnections.FileIdentity.Of(_file, _statxBuffer) == _identity;

    /// <summary>
    /// The prepared command of <paramref name="sql"/>, compiled now if it was not (<c>Compiled</c>): kept for the life of
    /// the connection, or, past the limit, owned (disposed) by the caller.
    /// </summary>
    public (SqliteCommand Command, bool Owned, bool Compiled) Prepared(
        string sql,
        IReadOnlyList<(RelationalTypeMapping Mapping, bool Nullable)> parameters
    )
    {
        if (_commands.TryGetValue(sql, out var command))
            return (command, false, false);
        command = Compile(Connection, sql, parameters);
        if (_commands.Count >= _maxCommands)
            return (command, true, true);
        _commands[sql] = command;
        return (command, false, true);
    }

    /// <summary>A prepared command of <paramref name="sql"/> with parameters <c>@p0</c>, <c>@p1</c>, … created by their type mappings.</summary>
    public static SqliteCommand Compile(
        SqliteConnection connection,
        string sql,
        IReadOnlyList<(RelationalTypeMapping Mapping, bool Nullable)> parameters
    )
    {
        var command = connection.CreateCommand();
        try
        {
            command.CommandText = sql;
            for (var i = 0; i < parameters.Count; i++)
                command.Parameters.Add(
                    parameters[i]
                        .Mapping.CreateParameter(
                            command,
                            "@p" + i.ToString(CultureInfo.InvariantCulture),
                            null,
                            parameters[i].Nullable
                        )
                );
            command.Prepare();
            return command;
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _commands.Clear();
        Connection.Dispose();
    }
}
