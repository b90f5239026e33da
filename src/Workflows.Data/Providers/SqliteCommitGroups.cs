// Group commit on SQLite: the saves of concurrent commands on one database file are written by one connection per file,
// several to a transaction, with their statements kept compiled. Used by WorkflowsDbContext.SaveChangesAsync.
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Statement = Workflows.Data.Providers.RowWriter.Statement;

namespace Workflows.Data.Providers;

/// <summary>
/// Writes the statements of SQLite saves through one writer connection per database file, committing every save that
/// is waiting when the writer takes its turn at the write lock in one transaction (group commit).
/// </summary>
/// <remarks>
/// <para>
/// Why: with <see cref="RowWriter"/> a command's transaction held the file's one write lock about 0.8 ms, and
/// half of that was the <c>COMMIT</c>, which writes one WAL frame per B-tree page the transaction touched (22–27
/// frames). Concurrent commands touch mostly the same pages (the tables' last leaves, the indexes' hot pages), so
/// committing their rows together writes those pages once per group: in a model of the benchmark's rows, four
/// lifecycles to a commit wrote half the frames of four commits (docs/benchmarks.md). Saves queue while the writer
/// waits for or holds the lock, so a group forms only under load; a lone save is written at once, in a transaction of
/// its own.
/// </para>
/// <para>
/// Each save is its own unit inside the group: it runs between <c>SAVEPOINT</c> and <c>RELEASE</c>, and a save that
/// fails (a concurrency conflict, a constraint) is rolled back to its savepoint and gets its exception, while the
/// others commit. A save's task completes only after the group's <c>COMMIT</c>, so a caller never sees a write that is
/// not durable; if the <c>BEGIN</c> or <c>COMMIT</c> fails, every save of the group fails and nothing of it is
/// written. The writer takes its turn at <see cref="SqliteWriteGate"/> like any other transaction of the file.
/// </para>
/// <para>
/// The writer connection is not pooled and keeps every statement it has compiled (Microsoft.Data.Sqlite disposes a
/// command's compiled statements when its connection closes, so commands are never kept across a close). It is closed
/// after <see cref="SqliteKeptConnections.IdleClose"/> without a write, when <see cref="SqlitePragmaInterceptor"/> clears the file's pool (the
/// pragmas changed), and when the path no longer names the file it opened (device and inode on Linux, existence
/// elsewhere; checked before each group with one <c>statx</c>), so a deleted or replaced database is not written through
/// a stale handle.
/// In-memory databases are not served (a second connection would be another database); their saves keep the context's
/// own connection.
/// </para>
/// </remarks>
internal static class SqliteCommitGroups
{
    /// <summary>The most saves one transaction takes.</summary>
    public const int MaxSaves = 64;

    // Compiled statements kept per writer; past this, a statement is compiled for its use only.
    private const int MaxCommands = 512;

    // Each save of a group runs in a savepoint, so SQLite copies every page a save changes into the transaction's
    // sub-journal first. With the default temp_store that journal spills to a temporary file past 64 KiB (16 pages, a
    // group of two saves): a file created, written with two pwrite calls per page, and unlinked per group, a third of
    // the writer's pwrite calls in the benchmark. In memory it is a copy. Only the writer connection sets it; readers
    // keep the default, so large sorts still spill to disk.
    internal const string SubJournalInMemory = " PRAGMA temp_store=MEMORY;";

    private static readonly ConcurrentDictionary<string, Writer?> Writers = new(
        StringComparer.Ordinal
    );

    private static readonly Histogram<int> Saves = SqliteWriteGate.Meter.CreateHistogram<int>(
        "workflows.sqlite.commit_group.saves",
        "{save}",
        "Saves committed in one SQLite transaction by the group writer."
    );

    /// <summary>For tests: whether saves on <paramref name="connectionString"/> go through a group writer (a file database); a save learns it from <see cref="WriteAsync"/>.</summary>
    internal static bool Serves(string connectionString) => WriterFor(connectionString) is not null;

    /// <summary>
    /// Queues the statements of one save and completes with the rows its entity statements affected once the group that
    /// took it has committed; null when no group writer serves the database (in memory: write it on the context's own
    /// connection with <see cref="Run(SqliteConnection, SqliteTransaction, List{Statement})"/>). The task throws what the
    /// save's own statements threw (nothing of the save is then written), or the group's failure.
    /// </summary>
    public static Task<int>? WriteAsync(
        string connectionString,
        List<Statement> statements,
        CancellationToken cancellationToken
    ) => WriterFor(connectionString)?.WriteAsync(statements, cancellationToken);

    /// <summary>
    /// Runs <paramref name="statements"/> in <paramref name="transaction"/> on its own connection, each shape compiled for
    /// this use only: the save of a database no group writer serves (in memory).
    /// </summary>
    public static int Run(
        SqliteConnection connection,
        SqliteTransaction transaction,
        List<Statement> statements
    )
    {
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        try
        {
            return Run(
                statements,
                transaction,
                statement =>
                {
                    if (!commands.TryGetValue(statement.Sql, out var command))
                        commands[statement.Sql] = command = KeptConnection.Compile(
                            connection,
                            statement.Sql,
                            statement.Parameters
                        );
                    return (command, false);
                }
            );
        }
        finally
        {
            foreach (var command in commands.Values)
                command.Dispose();
        }
    }

    // Each statement with its values on its compiled command; the rows its entity statements affected.
    private static int Run(
        List<Statement> statements,
        SqliteTransaction transaction,
        Func<Statement, (SqliteCommand Command, bool Owned)> compiled
    )
    {
        var affected = 0;
        foreach (var statement in statements)
        {
            var (command, owned) = compiled(statement);
            try
            {
                command.Transaction = transaction;
                for (var i = 0; i < statement.Values.Length; i++)
                    command.Parameters[i].Value = statement.Values[i];
                if (statement.Row is { } row)
                    affected += Execute(row, command);
                else
                    command.ExecuteNonQuery();
            }
            finally
            {
                if (owned)
                    command.Dispose();
            }
        }
        return affected;
    }

    /// <summary>For tests: saves queued for <paramref name="connectionString"/>'s writer, and saves in the group it is writing or waiting to write.</summary>
    internal static (int Queued, int Taken) Load(string connectionString) =>
        WriterFor(connectionString) is { } writer ? writer.Load : (0, 0);

    /// <summary>For tests: how many times <paramref name="connectionString"/>'s writer has opened its connection.</summary>
    internal static int Opens(string connectionString) => WriterFor(connectionString)?.Opens ?? 0;

    /// <summary>Closes every writer connection idle for at least <paramref name="idle"/> (<see cref="SqliteKeptConnections"/>'s sweeper does it every second).</summary>
    internal static void CloseIdle(TimeSpan idle)
    {
        var now = Environment.TickCount64;
        foreach (var writer in Writers.Values)
            writer?.CloseIfIdle(now, (long)idle.TotalMilliseconds);
    }

    private static Writer? WriterFor(string connectionString) =>
        Writers.GetOrAdd(connectionString, Create);

    private static Writer? Create(string connectionString)
    {
        if (SqliteKeptConnections.WritableFileOf(connectionString) is not { } file)
            return null;
        SqliteKeptConnections.StartSweeper();
        return new Writer(connectionString, file);
    }

    /// <summary>
    /// Runs <paramref name="row"/>'s statement, its parameters set: reads back a generated key, and throws
    /// <see cref="DbUpdateConcurrencyException"/> when it matched no row and <see cref="DbUpdateException"/> around a
    /// SQLite error, as EF Core does. Returns the rows affected (1).
    /// </summary>
    private static int Execute(RowWriter.RowWrite row, SqliteCommand command)
    {
        try
        {
            if (row.State == EntityState.Added && row.Plan.GeneratedKey is { } key)
            {
                row.GeneratedKey = Convert.ChangeType(
                    command.ExecuteScalar(),
                    key.Property.ClrType,
                    CultureInfo.InvariantCulture
                );
                return 1;
            }
            var count = command.ExecuteNonQuery();
            if (count != 1)
                throw RowWriter.NotMatched(row, count);
            return count;
        }
        catch (SqliteException ex)
        {
            throw RowWriter.Failed(ex, row);
        }
    }

    private sealed class Pending(List<Statement> statements, CancellationToken cancellationToken)
        : TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public List<Statement> Statements { get; } = statements;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public int Affected { get; set; }

        public Exception? Error { get; set; }
    }

    private sealed class Writer
    {
        private readonly string _connectionString;
        private readonly string _file;
        private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
            new UnboundedChannelOptions { SingleReader = true }
        );
        private readonly object _sync = new();
        private KeptConnection? _connection;
        private int _taken;
        private int _queued;
        private int _opens;
        private int _running;
        private long _lastUsed = Environment.TickCount64;

        public Writer(string connectionString, string file)
        {
            _connectionString = connectionString;
            _file = file;
        }

        public int Opens => Volatile.Read(ref _opens);

        public (int, int) Load => (Volatile.Read(ref _queued), Volatile.Read(ref _taken));

        public Task<int> WriteAsync(List<Statement> statements, CancellationToken cancellationToken)
        {
            var pending = new Pending(statements, cancellationToken);
            Interlocked.Increment(ref _queued);
            _queue.Writer.TryWrite(pending);
            // The loop starts with the first save: a writer that GetOrAdd built in a race and dropped never runs one.
            if (Volatile.Read(ref _running) == 0 && Interlocked.Exchange(ref _running, 1) == 0)
                _ = Task.Run(RunAsync);
            return pending.Task;
        }

        public void CloseIfIdle(long now, long idleMilliseconds)
        {
            if (
                _connection is null
                || now - Volatile.Read(ref _lastUsed) < idleMilliseconds
                || !Monitor.TryEnter(_sync)
            )
                return;
            try
            {
                if (now - Volatile.Read(ref _lastUsed) >= idleMilliseconds)
                    Close();
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        private async Task RunAsync()
        {
            var group = new List<Pending>(MaxSaves);
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (group.Count < MaxSaves && _queue.Reader.TryRead(out var pending))
                {
                    Interlocked.Decrement(ref _queued);
                    if (pending.CancellationToken.IsCancellationRequested)
                        pending.TrySetCanceled(pending.CancellationToken);
                    else
                        group.Add(pending);
                }
                if (group.Count == 0)
                    continue;
                Volatile.Write(ref _taken, group.Count);
                // Saves that arrive while this group waits for its turn or is written from the next group. Nothing
                // may end this loop: every save of the group gets its result or an exception.
                try
                {
                    var turn = await SqliteWriteGate.TakeTurnAsync(_connectionString);
                    try
                    {
                        lock (_sync)
                            Write(group);
                    }
                    finally
                    {
                        turn?.Release();
                    }
                    Saves.Record(group.Count);
                }
                catch (Exception ex)
                {
                    foreach (var pending in group)
                        pending.Error ??= ex;
                }
                foreach (var pending in group)
                {
                    if (pending.Error is { } error)
                        pending.TrySetException(error);
                    else
                        pending.TrySetResult(pending.Affected);
                }
                group.Clear();
                Volatile.Write(ref _taken, 0);
            }
        }

        // One transaction for the group. A failure of BEGIN, a savepoint or COMMIT throws (every save fails, the
        // transaction rolls back with its disposal, and the connection is closed so the next group starts clean).
        private void Write(List<Pending> group)
        {
            try
            {
                var connection = Open();
                using var transaction = connection.BeginTransaction(deferred: false);
                var alone = group.Count == 1;
                foreach (var pending in group)
                {
                    if (!alone)
                        Execute("SAVEPOINT g", transaction);
                    try
                    {
                        pending.Affected = Run(pending.Statements, transaction, Command);
                    }
                    catch (Exception ex)
                    {
                        pending.Error = ex;
                        if (alone)
                            return; // rolled back by the transaction's disposal
                        Execute("ROLLBACK TO g", transaction);
                    }
                    if (!alone)
                        Execute("RELEASE g", transaction);
                }
                transaction.Commit();
            }
            catch
            {
                Close();
                throw;
            }
            finally
            {
                Volatile.Write(ref _lastUsed, Environment.TickCount64);
            }
        }

        private void Execute(string sql, SqliteTransaction transaction)
        {
            var (command, _) = Command(new Statement(sql, [], [], null));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        // The statement's compiled command: kept for the life of the connection, or (past MaxCommands) owned by the caller.
        private (SqliteCommand Command, bool Owned) Command(Statement statement)
        {
            var (command, owned, _) = _connection!.Prepared(statement.Sql, statement.Parameters);
            return (command, owned);
        }

        private SqliteConnection Open()
        {
            if (_connection is not null && !_connection.IsCurrent)
                Close();
            if (_connection is not null)
                return _connection.Connection;
            var connection = KeptConnection.Open(
                _connectionString,
                _file,
                SubJournalInMemory,
                MaxCommands
            );
            Interlocked.Increment(ref _opens);
            Volatile.Write(ref _connection, connection);
            return connection.Connection;
        }

        private void Close()
        {
            _connection?.Dispose();
            Volatile.Write(ref _connection, null);
        }
    }
}
