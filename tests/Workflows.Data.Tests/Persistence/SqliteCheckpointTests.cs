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
                context.AuditEvents.Add(new AuditEventEntity { At = DateTimeOffset.UnixEpoch, Action = "bulk", DataJson = new string('x', 3000) });
            await context.SaveChangesAsync();
        }
        var (frames, checkpointed) = SqlitePragmaInterceptor.CheckpointPassive(connection);

        Assert.True(frames > 1000, $"the WAL held {frames} frames");
        Assert.Equal(frames, checkpointed);
        await using var read = _background.CreateContext();
        Assert.Equal(1500, await read.AuditEvents.CountAsync(a => a.Action == "bulk"));
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
