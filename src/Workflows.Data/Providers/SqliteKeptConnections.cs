// What the SQLite connections kept open outside the pool share (the group writer's, SqliteCommitGroups; the kept
// readers', SqliteReadSessions): when they close for idleness, and how they notice that their file was replaced.
using Microsoft.Data.Sqlite;

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
        if (csb.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:")
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
                    var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
                    return (device, BitConverter.ToUInt64(buffer, 32));
                }
                catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
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
        private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] buffer);
#pragma warning restore SYSLIB1054, CA5392
    }
}
