// Lets the writers of one SQLite database in this process take turns in a queue instead of polling its write lock, and
// only for as long as they hold it: from BEGIN to COMMIT.
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Data;

/// <summary>
/// SQLite has one writer at a time. A second writer that finds the lock taken sleeps in SQLite's busy handler (1, 2, 5,
/// 10 ms … up to the busy timeout) and tries again, so under concurrent commands the lock sat idle while writers slept
/// and both cores were not busy. Transactions on the same database file in this process therefore queue on an async
/// semaphore and take the lock in turn, without sleeping.
/// </summary>
/// <remarks>
/// <para>
/// The turn is taken when a transaction begins (Microsoft.Data.Sqlite begins with <c>BEGIN IMMEDIATE</c>, which takes
/// SQLite's write lock) and given back when it commits, rolls back, fails or its connection closes. It used to be taken
/// around the whole <c>SaveChanges</c>, which also held it while EF Core detected changes, sorted and built the
/// commands and accepted the changes afterwards: CPU work that needs no lock. Every write goes through that one lock, so
/// the time inside it bounds the database's commands per second: the histograms <c>workflows.sqlite.write_lock.held</c>
/// and <c>workflows.sqlite.write_lock.wait</c> (meter <see cref="MeterName"/>, exported at <c>/metrics</c>) show how
/// long transactions held their turn and waited for it.
/// </para>
/// <para>
/// A save inside a transaction already open takes no new turn, so it can never wait for a writer that waits for its own
/// lock. A writer of another process still meets the busy handler, a write outside any transaction (a single-statement
/// save, raw SQL) goes straight to SQLite's lock as before, and a wait longer than the busy timeout goes on without
/// the gate, so nothing can wait here forever.
/// </para>
/// </remarks>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(
        StringComparer.Ordinal
    );

    /// <summary>The meter of the data layer (exported with the server's metrics).</summary>
    public const string MeterName = "Workflows.Data";

    internal static readonly Meter Meter = new(MeterName);

    // 1 s divided by the mean hold is the most transactions per second the file can commit in this process.
    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        "workflows.sqlite.write_lock.held",
        "ms",
        "Time a transaction held its turn at the SQLite write lock, from BEGIN to COMMIT or rollback."
    );

    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>(
        "workflows.sqlite.write_lock.wait",
        "ms",
        "Time a transaction waited for its turn at the SQLite write lock."
    );

    // As long as the busy timeout set by SqlitePragmaInterceptor: past it the transaction would have failed anyway.
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    // The turn each connection (EF's ConnectionId; one transaction at a time per connection) holds.
    private readonly ConcurrentDictionary<Guid, Turn> _turns = new();

    /// <inheritdoc />
    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result
    )
    {
        var gate = Gate(connection);
        var waiting = Stopwatch.GetTimestamp();
        if (gate.Wait(MaxWait))
            Hold(eventData.ConnectionId, new Turn(gate, waiting));
        return result;
    }

    /// <inheritdoc />
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default
    )
    {
        if (await TakeTurnAsync(connection.ConnectionString, cancellationToken) is { } turn)
            Hold(eventData.ConnectionId, turn);
        return result;
    }

    /// <inheritdoc />
    public void TransactionCommitted(
        DbTransaction transaction,
        TransactionEndEventData eventData
    ) => Release(eventData.ConnectionId);

    /// <inheritdoc />
    public Task TransactionCommittedAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    ) => Release(eventData.ConnectionId);

    /// <inheritdoc />
    public void TransactionRolledBack(
        DbTransaction transaction,
        TransactionEndEventData eventData
    ) => Release(eventData.ConnectionId);

    /// <inheritdoc />
    public Task TransactionRolledBackAsync(
        DbTransaction transaction,
        TransactionEndEventData eventData,
        CancellationToken cancellationToken = default
    ) => Release(eventData.ConnectionId);

    /// <inheritdoc />
    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Release(eventData.ConnectionId);

    /// <inheritdoc />
    public Task TransactionFailedAsync(
        DbTransaction transaction,
        TransactionErrorEventData eventData,
        CancellationToken cancellationToken = default
    ) => Release(eventData.ConnectionId);

    // A transaction disposed without commit or rollback (an exception in an explicit transaction) is rolled back by
    // SQLite when its connection closes, which EF does when the transaction had opened it, else with the context.
    /// <inheritdoc />
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) =>
        Release(eventData.ConnectionId);

    /// <inheritdoc />
    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) =>
        Release(eventData.ConnectionId);

    private static SemaphoreSlim Gate(DbConnection connection) => Gate(connection.ConnectionString);

    private static SemaphoreSlim Gate(string connectionString) =>
        Gates.GetOrAdd(connectionString, static _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// Takes a turn at the write lock of <paramref name="connectionString"/>'s file for a transaction begun outside EF
    /// Core (the group writer of <see cref="Providers.SqliteCommitGroups"/>, the restart checkpoint of
    /// <see cref="Providers.SqlitePragmaInterceptor.CheckpointAsync"/>); the caller releases it after its commit or
    /// rollback. Null when the wait passed the busy timeout (the transaction then meets SQLite's busy handler).
    /// </summary>
    internal static async ValueTask<Turn?> TakeTurnAsync(
        string connectionString,
        CancellationToken cancellationToken = default
    )
    {
        var gate = Gate(connectionString);
        var waiting = Stopwatch.GetTimestamp();
        return await gate.WaitAsync(MaxWait, cancellationToken) ? new Turn(gate, waiting) : null;
    }

    private void Hold(Guid connectionId, Turn turn)
    {
        // A connection holds one transaction at a time; a turn still recorded for it is one never given back.
        if (_turns.TryRemove(connectionId, out var stale))
            stale.Release();
        _turns[connectionId] = turn;
    }

    private Task Release(Guid connectionId)
    {
        if (_turns.TryRemove(connectionId, out var turn))
            turn.Release();
        return Task.CompletedTask;
    }

    /// <summary>A turn at the write lock, granted now after waiting since <c>waiting</c> (recorded), given back once.</summary>
    internal sealed class Turn
    {
        private readonly SemaphoreSlim _gate;
        private int _released;

        public Turn(SemaphoreSlim gate, long waiting)
        {
            _gate = gate;
            Granted = Stopwatch.GetTimestamp();
            Waited.Record(Stopwatch.GetElapsedTime(waiting, Granted).TotalMilliseconds);
        }

        public long Granted { get; }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _gate.Release();
                Held.Record(Stopwatch.GetElapsedTime(Granted).TotalMilliseconds);
            }
        }
    }
}
