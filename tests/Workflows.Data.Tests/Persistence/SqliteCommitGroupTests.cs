// On SQLite the saves that wait while the write lock is taken are committed together by the file's group writer
// (SqliteCommitGroups): one transaction for the group, each save still all or nothing, nothing acknowledged before
// the commit, and never a write through a handle to a file that was deleted or replaced.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

// Each spec counts the commits in its own file's WAL, so each gets a database of its own, and the class runs alone:
// another class's pool clearing (ClearAllPools, a change of pragmas) could close the file's last connection, which
// checkpoints the WAL and starts it afresh.
[Collection(nameof(SqliteCommitGroupTests))]
public sealed class SqliteCommitGroupTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Saves_that_wait_for_the_lock_are_committed_together_in_one_transaction()
    {
        var definition = await SeededDefinitionAsync();
        await TruncateWalAsync();
        var (release, first) = await HoldLockWithFirstSaveTakenAsync(definition);

        // Queued one after the other, so the order they are written in is known.
        var saves = new List<(Task Save, InstanceEntity Instance, AuditEventEntity Audit)>();
        for (var i = 0; i < 6; i++)
        {
            var instance = Samples.Instance(definition);
            var audit = new AuditEventEntity
            {
                At = Samples.T0,
                Action = "instance.started",
                InstanceId = instance.Id,
            };
            saves.Add((SaveAsync(instance, audit), instance, audit));
            await UntilAsync(
                () => SqliteCommitGroups.Load(ConnectionString).Queued == saves.Count,
                "the saves queue behind the first"
            );
        }
        Assert.All(
            saves,
            s => Assert.False(s.Save.IsCompleted, "nothing is acknowledged before its commit")
        );

        await release();
        await Task.WhenAll(saves.Select(s => s.Save).Append(first)).WaitAsync(Prompt);

        // The holder's transaction, the first save alone, then the six in one commit.
        Assert.Equal(3, CommitsInWal());
        await using var read = _database.CreateContext();
        var ids = saves.Select(s => s.Instance.Id).ToList();
        Assert.Equal(6, await read.Instances.CountAsync(i => ids.Contains(i.Id)));
        // Every save got its own generated key back, in the order the saves were queued.
        var keys = saves.Select(s => s.Audit.Id).ToList();
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(6, keys.Distinct().Count());
        foreach (var (_, instance, audit) in saves)
            Assert.Equal(
                instance.Id,
                (await read.AuditEvents.SingleAsync(a => a.Id == audit.Id)).InstanceId
            );
    }

    [Fact]
    public async Task A_save_that_fails_inside_a_group_gets_its_own_error_and_writes_nothing_while_the_others_commit()
    {
        var definition = await SeededDefinitionAsync();
        var existing = Samples.Instance(definition);
        var task = Samples.Task(existing, "task-" + Guid.NewGuid().ToString("N"));
        await using (var seed = _database.CreateContext())
        {
            seed.AddRange(existing, task);
            await seed.SaveChangesAsync();
        }
        await using var stale = _database.CreateContext();
        var loaded = await stale.Instances.SingleAsync(i => i.Id == existing.Id);
        await using (var other = _database.CreateContext())
        {
            (await other.Instances.SingleAsync(i => i.Id == existing.Id)).Version++;
            await other.SaveChangesAsync();
        }
        await TruncateWalAsync();
        var (release, first) = await HoldLockWithFirstSaveTakenAsync(definition);

        var before = Samples.Instance(definition);
        var good1 = SaveAsync(before);
        // A stale version: the UPDATE matches no row, after this save's audit row was already inserted.
        var conflictMarker = Marker(existing);
        stale.AuditEvents.Add(conflictMarker);
        loaded.Status = "Completed";
        loaded.Version++;
        var conflict = stale.SaveChangesAsync();
        // A duplicate task id, after a new instance of the same save.
        var duplicateInstance = Samples.Instance(definition);
        var duplicate = SaveAsync(duplicateInstance, Samples.Task(duplicateInstance, task.Id));
        var after = Samples.Instance(definition);
        var good2 = SaveAsync(after);
        await UntilAsync(
            () => SqliteCommitGroups.Load(ConnectionString).Queued == 4,
            "the four saves queue behind the first"
        );

        await release();
        await Task.WhenAll(first, good1, good2).WaitAsync(Prompt);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => conflict);
        var unique = await Assert.ThrowsAsync<DbUpdateException>(() => duplicate);

        Assert.True(ProviderErrors.IsUniqueViolation(unique));
        Assert.Equal((3, 0), (CommitsInWal(), SqliteCommitGroups.Load(ConnectionString).Queued));
        Assert.Equal(EntityState.Modified, stale.Entry(loaded).State);
        Assert.Equal(EntityState.Added, stale.Entry(conflictMarker).State);
        await using var read = _database.CreateContext();
        Assert.True(await read.Instances.AnyAsync(i => i.Id == before.Id));
        Assert.True(await read.Instances.AnyAsync(i => i.Id == after.Id));
        Assert.False(await read.Instances.AnyAsync(i => i.Id == duplicateInstance.Id));
        Assert.False(await read.AuditEvents.AnyAsync(a => a.Action == conflictMarker.Action));
        Assert.Equal(
            "Running",
            (await read.Instances.SingleAsync(i => i.Id == existing.Id)).Status
        );
    }

    [Fact]
    public async Task A_deleted_and_recreated_database_file_is_written_anew_not_through_the_old_handle()
    {
        var definition = await SeededDefinitionAsync();
        Assert.True(SqliteCommitGroups.Load(ConnectionString) is { Queued: 0, Taken: 0 });
        var before = Samples.Instance(definition);
        await SaveAsync(before);

        // The file is replaced within the writer's idle time: deleted, then created and migrated again at the same path.
        await _database.ReplaceFileAsync();
        var again = Samples.Definition(definition.Key);
        var instance = Samples.Instance(again);
        await using (var context = _database.CreateContext())
        {
            context.AddRange(again, instance);
            await context.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        Assert.True(
            await read.Instances.AnyAsync(i => i.Id == instance.Id),
            "the save went to the new file"
        );
        Assert.False(await read.Instances.AnyAsync(i => i.Id == before.Id));
    }

    [Fact]
    public async Task The_writer_keeps_its_connection_and_compiled_statements_while_checkpoints_rewrite_the_file()
    {
        var definition = await SeededDefinitionAsync();
        await SaveAsync(Samples.Instance(definition));
        var opens = SqliteCommitGroups.Opens(ConnectionString);

        for (var i = 0; i < 3; i++)
        {
            await TruncateWalAsync(); // copies the WAL into the database file, which changes its times
            await SaveAsync(Samples.Instance(definition));
        }

        Assert.Equal(opens, SqliteCommitGroups.Opens(ConnectionString));
    }

    [Fact]
    public async Task An_idle_writer_closes_its_connection_and_the_next_save_opens_it_again()
    {
        var definition = await SeededDefinitionAsync();
        await SaveAsync(Samples.Instance(definition));

        SqliteCommitGroups.CloseIdle(TimeSpan.Zero);
        Assert.False(WalHasReaderOrWriter(), "no connection of the writer is left on the file");

        var instance = Samples.Instance(definition);
        await SaveAsync(instance);
        await using var read = _database.CreateContext();
        Assert.True(await read.Instances.AnyAsync(i => i.Id == instance.Id));
    }

    [Fact]
    public async Task An_in_memory_database_is_not_served_and_its_saves_keep_the_context_connection()
    {
        var options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source=group-{Guid.NewGuid():N};Mode=Memory;Cache=Shared",
        };
        await using var keepAlive = new SqliteConnection(options.ConnectionString);
        await keepAlive.OpenAsync();
        await using (var migrate = WorkflowsDbContextOptions.CreateContext(options))
            await WorkflowsDatabaseMigrator.MigrateAsync(migrate);
        var definition = Samples.Definition("memory");
        var instance = Samples.Instance(definition);
        var audit = new AuditEventEntity
        {
            At = Samples.T0,
            Action = "instance.started",
            InstanceId = instance.Id,
        };

        await using (var context = WorkflowsDbContextOptions.CreateContext(options))
        {
            context.AddRange(definition, instance, audit);
            await context.SaveChangesAsync();
        }
        await using (var stale = WorkflowsDbContextOptions.CreateContext(options))
        {
            var loaded = await stale.Instances.SingleAsync(i => i.Id == instance.Id);
            await using (var other = WorkflowsDbContextOptions.CreateContext(options))
            {
                (await other.Instances.SingleAsync(i => i.Id == instance.Id)).Version++;
                await other.SaveChangesAsync();
            }
            loaded.Status = "Completed";
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        }

        Assert.False(SqliteCommitGroups.Serves(options.ConnectionString));
        await using var read = WorkflowsDbContextOptions.CreateContext(options);
        var row = await read.Instances.AsNoTracking().SingleAsync(i => i.Id == instance.Id);
        Assert.Equal(("Running", 2L), (row.Status, row.Version));
        Assert.True(audit.Id > 0);
        Assert.Equal(
            instance.Id,
            (await read.AuditEvents.SingleAsync(a => a.Id == audit.Id)).InstanceId
        );
    }

    private string ConnectionString => _database.Options.ConnectionString;

    private async Task<DefinitionEntity> SeededDefinitionAsync()
    {
        var definition = Samples.Definition("group-" + Guid.NewGuid().ToString("N")[..8]);
        await using var seed = _database.CreateContext();
        seed.Definitions.Add(definition);
        await seed.SaveChangesAsync();
        return definition;
    }

    // A context's save of the given rows, on a thread of its own.
    private Task SaveAsync(params object[] rows) =>
        Task.Run(async () =>
        {
            await using var context = _database.CreateContext();
            context.AddRange(rows);
            await context.SaveChangesAsync();
        });

    // An open transaction holds the file's write lock (its turn at SqliteWriteGate), and one save is taken by the writer,
    // which waits for the lock with it: every save after it queues for the next group. Returns how to commit the
    // holder, and the first save.
    private async Task<(Func<Task> Release, Task First)> HoldLockWithFirstSaveTakenAsync(
        DefinitionEntity definition
    )
    {
        var holder = _database.CreateContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        holder.Instances.Add(Samples.Instance(definition));
        await holder.SaveChangesAsync();
        var first = SaveAsync(Samples.Instance(definition));
        await UntilAsync(
            () => SqliteCommitGroups.Load(ConnectionString).Taken == 1,
            "the first save is taken by the writer"
        );
        return (
            async () =>
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                await holder.DisposeAsync();
            },
            first
        );
    }

    private static AuditEventEntity Marker(InstanceEntity instance) =>
        new()
        {
            At = Samples.T0,
            Action = "marker-" + Guid.NewGuid().ToString("N"),
            InstanceId = instance.Id,
        };

    private static Task UntilAsync(Func<bool> condition, string what) =>
        Poll.UntilAsync(condition, what, Prompt);

    private async Task TruncateWalAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync();
        Assert.Equal(0, CommitsInWal());
    }

    // Commit frames in the WAL since it was last reset: a frame whose header gives the database size after a commit
    // (non-zero) and carries the WAL header's salts (frames of an earlier generation carry other salts).
    private int CommitsInWal()
    {
        var wal = _database.FilePath + "-wal";
        if (!File.Exists(wal))
            return 0;
        using var stream = new FileStream(
            wal,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete
        );
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        if (bytes.Length < 32)
            return 0;
        var pageSize = (int)BigEndian(bytes, 8);
        var (salt1, salt2) = (BigEndian(bytes, 16), BigEndian(bytes, 20));
        var commits = 0;
        for (var frame = 32; frame + 24 + pageSize <= bytes.Length; frame += 24 + pageSize)
        {
            if (BigEndian(bytes, frame + 8) != salt1 || BigEndian(bytes, frame + 12) != salt2)
                break;
            if (BigEndian(bytes, frame + 4) != 0)
                commits++;
        }
        return commits;

        static uint BigEndian(byte[] b, int at) =>
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at, 4));
    }

    // With no connection left on a WAL database, the last one to close has checkpointed and deleted the WAL.
    private bool WalHasReaderOrWriter()
    {
        SqliteConnection.ClearAllPools();
        return File.Exists(_database.FilePath + "-wal");
    }
}

[CollectionDefinition(nameof(SqliteCommitGroupTests), DisableParallelization = true)]
public sealed class SqliteCommitGroupCollection;
