// Copies the SQLite WAL back into the database file on a background thread, outside the write lock.
using Microsoft.Data.Sqlite;
using Workflows.Data;
using Workflows.Data.Providers;

namespace Workflows.Server.Hosting;

/// <summary>
/// On SQLite with <c>Database:SqliteCheckpointMilliseconds</c> above 0 (default 50; 0: SQLite's automatic checkpoints),
/// checkpoints the WAL at that interval with <c>PRAGMA wal_checkpoint(PASSIVE)</c> on a connection of its own, and turns the
/// automatic checkpoints of the server's connections off (<see cref="SqlitePragmaInterceptor.CheckpointInBackground"/>).
/// Once the WAL holds <see cref="SqlitePragmaInterceptor.RestartFrames"/> frames, a restart checkpoint in a turn at the
/// write lock makes the next commit write it from the start (<see cref="SqlitePragmaInterceptor.CheckpointAsync"/>):
/// under steady load passive checkpoints alone never let the WAL start afresh.
/// </summary>
/// <remarks>
/// Checkpoints begin once the application has started (the migrator creates the file and sets WAL mode first). An
/// automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages, while the committing transaction
/// still holds its turn at the file's write lock, so every other writer waited 5–25 ms for it, once per 45 to 90
/// commits. A passive checkpoint here needs no write lock: writers go on while it copies. 50 ms keeps the WAL near the
/// size the automatic checkpoint kept it at (about 1,000 pages at 500 instances per second). Measured (docs/benchmarks.md):
/// in session 10 more instances per second and half the p95 latency at 1 and 4 concurrent clients but fewer at 16 (more
/// CPU per instance), so it was off by default; with group commit (session 11) the 16-client throughput is the same
/// with it and without, the p95 still halves at 4 clients, so it is on by default. A failed checkpoint is logged and
/// tried again at the next tick.
/// </remarks>
public sealed partial class SqliteCheckpointer(
    WorkflowsDataOptions data,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<SqliteCheckpointer> logger
) : BackgroundService
{
    /// <summary>Configuration key of the interval in milliseconds (0: SQLite's automatic checkpoints).</summary>
    public const string IntervalKey = "Database:SqliteCheckpointMilliseconds";

    /// <summary>The interval when the key is not set.</summary>
    public const int DefaultIntervalMilliseconds = 50;

    /// <summary>The last checkpoint's WAL frames and frames copied into the file, or null before the first.</summary>
    public (long Frames, long Checkpointed)? Last { get; private set; }

    // How long a restart checkpoint waits for readers to leave the WAL (each read takes well under a millisecond).
    private static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(200);

    // Read once: the interval is not reloaded while the server runs.
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(
        configuration.GetValue(IntervalKey, DefaultIntervalMilliseconds)
    );

    /// <summary>Whether this server checkpoints in the background (SQLite and a positive interval).</summary>
    public bool Enabled => data.Provider == DatabaseProvider.Sqlite && _interval > TimeSpan.Zero;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the other hosted services open their connections (hosted services start in the order they were added).
        if (Enabled)
            SqlitePragmaInterceptor.CheckpointInBackground(data.ConnectionString);
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Enabled)
            SqlitePragmaInterceptor.CheckpointAutomatically(data.ConnectionString);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        // After start-up: the migrator creates the file and puts it in WAL mode first.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        using var timer = new PeriodicTimer(_interval);
        SqliteConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(data.ConnectionString);
                        await connection.OpenAsync(stoppingToken);
                    }
                    var (frames, checkpointed, _) = await SqlitePragmaInterceptor.CheckpointAsync(
                        connection,
                        data.ConnectionString,
                        ReaderWait,
                        stoppingToken
                    );
                    Last = (frames, checkpointed);
                }
                catch (SqliteException ex)
                {
                    LogFailed(logger, ex);
                    await connection!.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (connection is not null)
                await connection.DisposeAsync();
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "SQLite checkpoint failed; trying again at the next tick"
    )]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
