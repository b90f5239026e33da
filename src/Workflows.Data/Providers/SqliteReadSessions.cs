// Kept read connections on SQLite files: the hot reads of the command path (KeptReads) run on connections that stay open
// outside Microsoft.Data.Sqlite's pool, each keeping its prepared statements.
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace Workflows.Data.Providers;

/// <summary>
/// Per database file, a small pool of open read connections (sessions), each with the statements it has prepared.
/// </summary>
/// <remarks>
/// <para>
/// Why: every task action and command reads one row or one id before it writes (the task check, the instance, the latest
/// definition). Through EF Core each of those reads rented a pooled connection (reopening it registers the provider's
/// SQL functions again), compiled its SQL with <c>sqlite3_prepare</c> (Microsoft.Data.Sqlite disposes a command's
/// statements when its connection goes back to the pool) and closed it again. A session does the open once and the
/// prepare once per statement, so such a read is a bind, one step and the columns.
/// </para>
/// <para>
/// A session serves one caller at a time (<see cref="Pool.Rent"/>, <see cref="Pool.Return"/>); at most
/// <see cref="MaxKept"/> idle sessions are kept per file, and one idle for <see cref="SqliteKeptConnections.IdleClose"/>
/// is closed by the sweeper. Like the group writer's connection, a session is reopened when the pragmas changed
/// (<see cref="SqlitePragmaInterceptor.Generation"/>) and when the path no longer names the file it opened, checked at
/// each rent, so a replaced database is never read through a stale handle. Sessions are <c>query_only</c>: they cannot
/// write. Each read runs in its own autocommit read transaction, so it sees every committed write and nothing else.
/// In-memory databases have no sessions (another connection would be another database).
/// </para>
/// </remarks>
internal static class SqliteReadSessions
{
    /// <summary>Idle sessions kept per file; one returned beyond that is closed.</summary>
    public const int MaxKept = 16;

    // Prepared statements kept per session; past this, a statement is prepared for its use only.
    private const int MaxStatements = 64;

    private static readonly ConcurrentDictionary<string, Pool?> Pools = new(StringComparer.Ordinal);

    /// <summary>Reads run on kept connections (<c>workflows.sqlite.kept_reads</c>); EF Core's logging does not see them.</summary>
    internal static readonly Counter<long> Reads = SqliteWriteGate.Meter.CreateCounter<long>(
        "workflows.sqlite.kept_reads",
        "{read}",
        "Reads run on SQLite connections kept open with their statements prepared (KeptReads)."
    );

    /// <summary>The sessions of <paramref name="connectionString"/>'s file, or null when none can serve it (in memory, read-only).</summary>
    public static Pool? For(string connectionString) => Pools.GetOrAdd(connectionString, Create);

    private static Pool? Create(string connectionString)
    {
        if (SqliteKeptConnections.WritableFileOf(connectionString) is not { } file)
            return null;
        SqliteKeptConnections.StartSweeper();
        return new Pool(connectionString, file);
    }

    /// <summary>Closes every session idle for at least <paramref name="idle"/> (the sweeper does it every second).</summary>
    internal static void CloseIdle(TimeSpan idle)
    {
        var now = Environment.TickCount64;
        foreach (var pool in Pools.Values)
            pool?.CloseIdle(now, (long)idle.TotalMilliseconds);
    }

    /// <summary>For tests: how many sessions <paramref name="connectionString"/>'s pool has opened and statements it has prepared.</summary>
    internal static (int Opens, int Prepares) Counts(string connectionString) =>
        For(connectionString) is { } pool ? pool.Counts : (0, 0);

    /// <summary>The sessions of one database file.</summary>
    internal sealed class Pool(string connectionString, string file)
    {
        private readonly Stack<Session> _idle = new();
        private int _opens;
        private int _prepares;

        public (int, int) Counts => (Volatile.Read(ref _opens), Volatile.Read(ref _prepares));

        /// <summary>An open session on the file the path names now; give it back with <see cref="Return"/>, or dispose it after a failure.</summary>
        public Session Rent()
        {
            Session? session = null;
            lock (_idle)
            {
                if (_idle.Count > 0)
                    session = _idle.Pop();
            }
            if (session is not null && session.Kept.IsCurrent)
                return session;
            session?.Dispose();
            return Open();
        }

        /// <summary>Keeps <paramref name="session"/> for the next read (or closes it when <see cref="MaxKept"/> are kept).</summary>
        public void Return(Session session)
        {
            session.LastUsed = Environment.TickCount64;
            lock (_idle)
            {
                if (_idle.Count < MaxKept)
                {
                    _idle.Push(session);
                    return;
                }
            }
            session.Dispose();
        }

        internal void Prepared() => Interlocked.Increment(ref _prepares);

        public void CloseIdle(long now, long idleMilliseconds)
        {
            List<Session>? closing = null;
            lock (_idle)
            {
                if (_idle.Count == 0)
                    return;
                // The stack's bottom holds the sessions returned longest ago.
                var kept = _idle.Where(s => now - s.LastUsed < idleMilliseconds).Reverse().ToList();
                if (kept.Count == _idle.Count)
                    return;
                closing = _idle.Where(s => now - s.LastUsed >= idleMilliseconds).ToList();
                _idle.Clear();
                foreach (var session in kept)
                    _idle.Push(session);
            }
            foreach (var session in closing)
                session.Dispose();
        }

        private Session Open()
        {
            var session = new Session(
                KeptConnection.Open(connectionString, file, " PRAGMA query_only=1;", MaxStatements)
            );
            Interlocked.Increment(ref _opens);
            return session;
        }
    }

    /// <summary>One open read connection and the statements prepared on it, and when it was last given back.</summary>
    internal sealed class Session(KeptConnection kept) : IDisposable
    {
        public KeptConnection Kept { get; } = kept;

        public long LastUsed { get; set; } = Environment.TickCount64;

        public void Dispose() => Kept.Dispose();
    }
}
