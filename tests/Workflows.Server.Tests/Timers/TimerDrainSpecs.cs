// Batched firing on a settable clock: a failing timer does not stop the others of its batch, is held until its retry
// moment, then fires once; every other row fires exactly once.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data.Entities;
using Workflows.Server.Application.Timers;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Sla;

namespace Workflows.Server.Tests.Timers;

/// <summary>The node's timer drain, run once per database provider.</summary>
public abstract class TimerDrainSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task A_failing_timer_does_not_stop_the_others_of_its_batch_and_is_retried_once_its_hold_ends()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 2));
        var handler = new FlakyTimerHandler();
        var host = await SlaHost.StartAsync(fixture, time, handler.Register);
        var due = time.GetUtcNow().AddSeconds(-1);
        var ids = Enumerable.Range(0, 6).Select(i => $"flaky-{i}-{Guid.NewGuid():N}").ToList();
        var failing = ids[2];
        handler.FailOnce[failing] = true;
        await host.QueryAsync(db =>
        {
            db.Timers.AddRange(
                ids.Select(id => new TimerEntity
                {
                    Id = id,
                    Kind = FlakyTimerHandler.Kind,
                    DueAt = due,
                    Status = TimerStatuses.Pending,
                    CreatedAt = due,
                    Version = 1,
                })
            );
            return db.SaveChangesAsync();
        });
        var drain = host.Services.GetRequiredService<TimerDrain>();
        var hold = host
            .Services.GetRequiredService<IOptionsMonitor<TimerFiringOptions>>()
            .CurrentValue.HoldAfter(1);
        Task<List<TimerEntity>> RowsAsync() =>
            host.QueryAsync(db =>
                db.Timers.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync()
            );

        await drain.Request(time.GetUtcNow()).Drain;
        var first = await RowsAsync();
        Assert.All(
            first.Where(t => t.Id != failing),
            t => Assert.Equal((TimerStatuses.Fired, 1), (t.Status, t.Attempts))
        );
        var held = Assert.Single(first, t => t.Id == failing);
        Assert.Equal(TimerStatuses.Pending, held.Status);
        Assert.Equal(time.GetUtcNow() + hold, held.LockedUntil);
        Assert.All(ids, id => Assert.Equal(1, handler.CallsFor(id)));

        // Before the retry moment a drain leaves it alone.
        time.Now += TimeSpan.FromSeconds(2);
        await drain.Request(time.GetUtcNow()).Drain;
        Assert.Equal(
            TimerStatuses.Pending,
            (await RowsAsync()).Single(t => t.Id == failing).Status
        );
        Assert.Equal(1, handler.CallsFor(failing));

        time.Now += hold - TimeSpan.FromSeconds(2);
        await drain.Request(time.GetUtcNow()).Drain;
        var last = await RowsAsync();
        Assert.All(last, t => Assert.Equal(TimerStatuses.Fired, t.Status));
        Assert.Equal(2, last.Single(t => t.Id == failing).Attempts);
        Assert.Equal(2, handler.CallsFor(failing));
        Assert.All(ids, id => Assert.Equal(1, handler.SuccessesFor(id)));
    }

    [ProviderFact]
    public async Task A_drain_fires_only_rows_that_are_due_and_leaves_later_ones_pending()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 3));
        var handler = new FlakyTimerHandler();
        var host = await SlaHost.StartAsync(fixture, time, handler.Register);
        var now = time.GetUtcNow();
        var dueId = $"due-{Guid.NewGuid():N}";
        var laterId = $"later-{Guid.NewGuid():N}";
        await host.QueryAsync(db =>
        {
            db.Timers.Add(
                new TimerEntity
                {
                    Id = dueId,
                    Kind = FlakyTimerHandler.Kind,
                    DueAt = now,
                    Status = TimerStatuses.Pending,
                    CreatedAt = now,
                    Version = 1,
                }
            );
            db.Timers.Add(
                new TimerEntity
                {
                    Id = laterId,
                    Kind = FlakyTimerHandler.Kind,
                    DueAt = now.AddSeconds(1),
                    Status = TimerStatuses.Pending,
                    CreatedAt = now,
                    Version = 1,
                }
            );
            return db.SaveChangesAsync();
        });

        await host.Services.GetRequiredService<TimerDrain>().Request(now).Drain;

        var rows = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.Id == dueId || t.Id == laterId)
                .ToDictionaryAsync(t => t.Id, t => t.Status)
        );
        Assert.Equal(TimerStatuses.Fired, rows[dueId]);
        Assert.Equal(TimerStatuses.Pending, rows[laterId]);
        Assert.Equal(0, handler.CallsFor(laterId));
    }
}

/// <summary>Timer drain on a SQLite file.</summary>
public sealed class TimerDrainOnSqlite(SqliteFixture fixture)
    : TimerDrainSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Timer drain on PostgreSQL.</summary>
[Postgres]
public sealed class TimerDrainOnPostgres(PostgresFixture fixture)
    : TimerDrainSpecs(fixture),
        IClassFixture<PostgresFixture>;
