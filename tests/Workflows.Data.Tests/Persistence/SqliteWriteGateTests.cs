// Transactions on one SQLite file take turns in this process (SqliteWriteGate): from BEGIN to COMMIT, not while EF
// Core prepares a save; a save inside an open transaction must not queue; every way a transaction ends gives the turn back.
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqliteWriteGateTests(SqliteTestDatabase database)
    : IClassFixture<SqliteTestDatabase>
{
    // Far below the gate's own 10 s limit, after which a waiter goes on without its turn.
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Concurrent_saves_of_one_file_all_commit()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await Task.WhenAll(
            Enumerable
                .Range(0, 32)
                .Select(i =>
                    Task.Run(async () =>
                    {
                        await using var context = database.CreateContext();
                        context.Groups.Add(Group($"{prefix}-{i}"));
                        context.Groups.Add(Group($"{prefix}-{i}-second"));
                        await context.SaveChangesAsync();
                    })
                )
        );

        await using var read = database.CreateContext();
        Assert.Equal(64, await read.Groups.CountAsync(g => g.Id.StartsWith(prefix)));
    }

    [Fact]
    public async Task A_save_inside_an_open_transaction_goes_ahead_of_a_save_queued_behind_its_lock()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await using var holder = database.CreateContext();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        holder.Groups.Add(Group($"{prefix}-a"));
        await holder.SaveChangesAsync();

        // This save needs a transaction (two rows): it waits for the file's turn, which the open transaction holds.
        var queued = Task.Run(async () =>
        {
            await using var other = database.CreateContext();
            other.Groups.AddRange(Group($"{prefix}-queued-1"), Group($"{prefix}-queued-2"));
            await other.SaveChangesAsync();
        });
        await Task.Delay(300);
        Assert.False(queued.IsCompleted);

        // Had the transaction's second save waited for the turn, neither could go on until the gate's 10 s timeout.
        holder.Groups.Add(Group($"{prefix}-b"));
        await holder.SaveChangesAsync().WaitAsync(Prompt);
        await transaction.CommitAsync();
        await queued.WaitAsync(TimeSpan.FromSeconds(30));

        await using var read = database.CreateContext();
        Assert.Equal(4, await read.Groups.CountAsync(g => g.Id.StartsWith(prefix)));
    }

    [Fact]
    public async Task A_queued_save_prepares_its_commands_while_another_transaction_holds_the_turn_and_waits_only_to_begin()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await using var holder = database.CreateContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        var probe = new SaveProbe();
        await using var other = WithInterceptor(probe);
        other.Groups.AddRange(Group($"{prefix}-1"), Group($"{prefix}-2"));

        var save = other.SaveChangesAsync();
        // EF Core runs SavingChanges before it detects changes and builds the commands: that work is not in the queue.
        await probe.Saving.Task.WaitAsync(Prompt);
        await Task.Delay(200);
        var finishedWhileHeld = save.IsCompleted;
        var beganWhileHeld = probe.Began.Task.IsCompleted;
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await save.WaitAsync(Prompt);

        Assert.False(finishedWhileHeld);
        Assert.False(beganWhileHeld);
        Assert.True(probe.Began.Task.IsCompleted);
    }

    [Fact]
    public async Task A_transaction_rolled_back_failed_or_disposed_without_commit_gives_the_turn_back()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await using (var rolledBack = database.CreateContext())
        {
            await using var transaction = await rolledBack.Database.BeginTransactionAsync();
            await transaction.RollbackAsync();
        }
        await BeginPromptlyAsync();

        await using (var abandoned = database.CreateContext())
        {
            var transaction = await abandoned.Database.BeginTransactionAsync();
            abandoned.Groups.Add(Group($"{prefix}-never"));
            await abandoned.SaveChangesAsync();
            await transaction.DisposeAsync(); // no commit: an exception in a caller's transaction ends this way
        }
        await BeginPromptlyAsync();

        await using (var seed = database.CreateContext())
        {
            seed.Groups.Add(Group($"{prefix}-taken"));
            await seed.SaveChangesAsync();
        }
        await using (var failing = database.CreateContext())
        {
            failing.Groups.AddRange(Group($"{prefix}-fine"), Group($"{prefix}-taken"));
            await Assert.ThrowsAsync<DbUpdateException>(() => failing.SaveChangesAsync());
        }
        await BeginPromptlyAsync();

        await using var read = database.CreateContext();
        Assert.Equal(
            [$"{prefix}-taken"],
            await read.Groups.Where(g => g.Id.StartsWith(prefix)).Select(g => g.Id).ToListAsync()
        );
    }

    [Fact]
    public async Task The_time_a_turn_is_held_and_the_time_a_queued_transaction_waits_are_measured()
    {
        var measured = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteWriteGate.MeterName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(
            (instrument, value, _, _) => measured.GetOrAdd(instrument.Name, _ => []).Add(value)
        );
        listener.Start();
        var prefix = Guid.NewGuid().ToString("N")[..8];

        await using var holder = database.CreateContext();
        var transaction = await holder.Database.BeginTransactionAsync();
        var queued = Task.Run(async () =>
        {
            await using var other = database.CreateContext();
            other.Groups.AddRange(Group($"{prefix}-1"), Group($"{prefix}-2"));
            await other.SaveChangesAsync();
        });
        // The wait is measured from the moment the group writer asks for the turn, which on a busy machine can be well
        // after Task.Run: hold the lock for 300 ms from then.
        await Poll.UntilAsync(
            () => SqliteCommitGroups.Load(database.Options.ConnectionString).Taken == 1,
            "the group writer takes the queued save and waits for its turn",
            Prompt
        );
        await Task.Delay(300);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await queued.WaitAsync(Prompt);

        // Other tests' transactions are measured too, but none of them holds or waits for 250 ms.
        Assert.Contains(measured["workflows.sqlite.write_lock.held"], ms => ms >= 250);
        Assert.Contains(measured["workflows.sqlite.write_lock.wait"], ms => ms >= 250);
    }

    private async Task BeginPromptlyAsync()
    {
        await using var next = database.CreateContext();
        await using var transaction = await next.Database.BeginTransactionAsync().WaitAsync(Prompt);
        await transaction.CommitAsync();
    }

    private SqliteWorkflowsDbContext WithInterceptor(IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.Configure(builder, database.Options).AddInterceptors(interceptor);
        return new SqliteWorkflowsDbContext(builder.Options);
    }

    private static GroupEntity Group(string id) =>
        new()
        {
            Id = id,
            Name = id,
            NameEn = id,
        };

    private sealed class SaveProbe : SaveChangesInterceptor, IDbTransactionInterceptor
    {
        public TaskCompletionSource Saving { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Began { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData,
            InterceptionResult<int> result,
            CancellationToken cancellationToken = default
        )
        {
            Saving.TrySetResult();
            return ValueTask.FromResult(result);
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(
            DbConnection connection,
            TransactionEndEventData eventData,
            DbTransaction result,
            CancellationToken cancellationToken = default
        )
        {
            Began.TrySetResult();
            return ValueTask.FromResult(result);
        }
    }
}
