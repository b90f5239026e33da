// A file checkpointed in the background: its connections run no automatic checkpoint, and a passive checkpoint copies
// the WAL back; other files keep SQLite's automatic checkpoints.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqliteCheckpointTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _background = new();
    private readonly SqliteTestDatabase _automatic = new();

    public async Task InitializeAsync()
    {
        await _background.InitializeAsync();
        await _automatic.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _background.DisposeAsync();
        await _automatic.DisposeAsync();
    }

    [Fact]
    public async Task A_background_checkpointed_file_lets_the_WAL_grow_past_the_automatic_threshold_until_a_passive_checkpoint_copies_it()
    {
        SqlitePragmaInterceptor.CheckpointInBackground(_background.Options.ConnectionString);

        Assert.Equal(0L, await AutoCheckpointAsync(_background));
        Assert.Equal(1000L, await AutoCheckpointAsync(_automatic));
        // Held open throughout, and used once so that it joins the WAL: when the last connection to a file closes
        // (another test clearing every pool), SQLite checkpoints on its own.
        await using var connection = new SqliteConnection(_background.Options.ConnectionString);
        await connection.OpenAsync();
        await using (var touch = connection.CreateCommand())
        {
            touch.CommandText = "SELECT count(*) FROM \"AuditEvents\"";
            await touch.ExecuteScalarAsync();
        }

        // About 1,500 pages of WAL: the automatic checkpoint would have run at 1,000.
        for (var batch = 0; batch < 15; batch++)
        {
            await using var context = _background.CreateContext();
            for (var i = 0; i < 100; i++)
                context.AuditEvents.Add(
                    new AuditEventEntity
                    {
                        At = DateTimeOffset.UnixEpoch,
                        Action = "bulk",
                        DataJson = new string('x', 3000),
                    }
                );
            await context.SaveChangesAsync();
        }
        var (frames, checkpointed) = SqlitePragmaInterceptor.CheckpointPassive(connection);

        Assert.True(frames > 1000, $"the WAL held {frames} frames");
        Assert.Equal(frames, checkpointed);
        await using var read = _background.CreateContext();
        Assert.Equal(1500, await read.AuditEvents.CountAsync(a => a.Action == "bulk"));
    }

    [Fact]
    public async Task Past_the_restart_threshold_a_checkpoint_restarts_the_WAL_once_no_reader_is_in_it_and_the_next_commit_writes_it_from_the_start()
    {
        var connectionString = _background.Options.ConnectionString;
        SqlitePragmaInterceptor.CheckpointInBackground(connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var touch = connection.CreateCommand())
        {
            touch.CommandText = "SELECT count(*) FROM \"AuditEvents\"";
            await touch.ExecuteScalarAsync();
        }
        // A reader in a read transaction since before the writes: the WAL cannot start afresh while it reads.
        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        await using var reading = reader.BeginTransaction(deferred: true);
        await using (var read = reader.CreateCommand())
        {
            read.Transaction = reading;
            read.CommandText = "SELECT count(*) FROM \"AuditEvents\"";
            Assert.Equal(0L, (long)(await read.ExecuteScalarAsync())!);
        }

        // About 4,500 pages of WAL, past RestartFrames.
        for (var batch = 0; batch < 45; batch++)
        {
            await using var context = _background.CreateContext();
            for (var i = 0; i < 100; i++)
                context.AuditEvents.Add(
                    new AuditEventEntity
                    {
                        At = DateTimeOffset.UnixEpoch,
                        Action = "bulk",
                        DataJson = new string('x', 3000),
                    }
                );
            await context.SaveChangesAsync();
        }
        var wait = TimeSpan.FromMilliseconds(100);

        var pinned = await SqlitePragmaInterceptor.CheckpointAsync(
            connection,
            connectionString,
            wait,
            CancellationToken.None
        );
        Assert.True(
            pinned.Frames >= SqlitePragmaInterceptor.RestartFrames,
            $"the WAL held {pinned.Frames} frames"
        );
        Assert.False(pinned.Restarted, "a reader still reads from the WAL");

        await reading.CommitAsync();
        var restarted = await SqlitePragmaInterceptor.CheckpointAsync(
            connection,
            connectionString,
            wait,
            CancellationToken.None
        );
        Assert.True(restarted.Restarted);
        Assert.Equal(restarted.Frames, restarted.Checkpointed);
        var walBytes = new FileInfo(_background.FilePath + "-wal").Length;

        await using (var context = _background.CreateContext())
        {
            context.AuditEvents.Add(
                new AuditEventEntity { At = DateTimeOffset.UnixEpoch, Action = "after" }
            );
            await context.SaveChangesAsync();
        }
        var (frames, _) = SqlitePragmaInterceptor.CheckpointPassive(connection);
        Assert.InRange(frames, 1, 100);
        Assert.Equal(walBytes, new FileInfo(_background.FilePath + "-wal").Length);
        await using var check = _background.CreateContext();
        Assert.Equal(4500, await check.AuditEvents.CountAsync(a => a.Action == "bulk"));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Action == "after"));
    }

    private static async Task<long> AutoCheckpointAsync(SqliteTestDatabase database)
    {
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
