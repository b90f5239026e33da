// Saves of one SQLite file queue in this process (SqliteWriteGate); a save inside an open transaction must not queue.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqliteWriteGateTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Concurrent_saves_of_one_file_all_commit()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            await using var context = database.CreateContext();
            context.Groups.Add(Group($"{prefix}-{i}"));
            await context.SaveChangesAsync();
        })));

        await using var read = database.CreateContext();
        Assert.Equal(32, await read.Groups.CountAsync(g => g.Id.StartsWith(prefix)));
    }

    [Fact]
    public async Task A_save_inside_an_open_transaction_goes_ahead_of_a_save_queued_behind_its_lock()
    {
        var prefix = Guid.NewGuid().ToString("N")[..8];
        await using var holder = database.CreateContext();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        holder.Groups.Add(Group($"{prefix}-a"));
        await holder.SaveChangesAsync();

        // This save takes the file's turn, then waits in SQLite's busy handler for the lock the transaction holds.
        var queued = Task.Run(async () =>
        {
            await using var other = database.CreateContext();
            other.Groups.Add(Group($"{prefix}-queued"));
            await other.SaveChangesAsync();
        });
        await Task.Delay(300);
        Assert.False(queued.IsCompleted);

        // Had the transaction's second save waited for the turn, neither could go on until the gate's 10 s timeout.
        holder.Groups.Add(Group($"{prefix}-b"));
        await holder.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await transaction.CommitAsync();
        await queued.WaitAsync(TimeSpan.FromSeconds(30));

        await using var read = database.CreateContext();
        Assert.Equal(3, await read.Groups.CountAsync(g => g.Id.StartsWith(prefix)));
    }

    private static GroupEntity Group(string id) => new() { Id = id, Name = id, NameEn = id };
}
