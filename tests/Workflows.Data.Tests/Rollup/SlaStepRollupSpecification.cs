// The SlaStepDays and SlaCaseDays rollups must equal a GROUP BY over the closed clocks after every kind of change, and a breach's
// office day must follow its moment, on every provider:
// SqliteSlaStepRollupTests and PostgresSlaStepRollupTests run it. Each test uses its own procedure key in the shared database.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Rollup;

public abstract class SlaStepRollupSpecification(TestDatabase database)
{
    // 15:59:59 and 16:00:00 UTC fall on two office days (UTC+8): the day split must agree between C# and SQL.
    private static readonly DateTimeOffset LastSecondOfDay = new(
        2026,
        3,
        2,
        15,
        59,
        59,
        TimeSpan.Zero
    );
    private static readonly DateTimeOffset NextDay = new(2026, 3, 2, 16, 0, 0, TimeSpan.Zero);

    protected TestDatabase Database { get; } = database;

    protected async Task Rollup_follows_stops_restarts_deletes_and_rollbacks()
    {
        var key = "rollup-" + Guid.NewGuid().ToString("N")[..8];
        var clocks = new[]
        {
            Clock(key, "Task_A", "kjj", LastSecondOfDay),
            Clock(key, "Task_A", "kjj", NextDay),
            Clock(key, "Task_B", null, NextDay.AddHours(3)),
            Clock(key, "Task_B", null, NextDay.AddHours(4)),
            Clock(key, null, null, NextDay, kind: "case"),
        };
        await using (var db = Database.CreateContext())
        {
            db.SlaClocks.AddRange(clocks);
            await db.SaveChangesAsync();
        }
        Assert.Empty(await RollupAsync(key));

        // Stops (and the case clock, which is not counted).
        await ChangeAsync(
            key,
            db => db.SlaClocks.Where(c => c.DefinitionKey == key).ToListAsync(),
            rows => rows.ForEach(r => Stop(r, r.StartedAt.AddDays(1)))
        );
        var afterStops = await AssertConsistentAsync(key);
        Assert.Equal(4, afterStops.Values.Sum(v => v.Clocks));
        Assert.Equal(3, afterStops.Count); // two office days for Task_A, one for Task_B
        Assert.Equal(1, (await CaseRollupAsync(key)).Sum(c => c.Item2));

        // A stopped clock set running again (the product never does this today, SlaClock.Stop is final) leaves the rollup.
        await ChangeAsync(
            key,
            db => db.SlaClocks.Where(c => c.Id == clocks[0].Id).ToListAsync(),
            rows =>
                rows.ForEach(r =>
                {
                    r.Status = "running";
                    r.StoppedAt = null;
                    r.FinishedLate = null;
                })
        );
        Assert.Equal(3, (await AssertConsistentAsync(key)).Values.Sum(v => v.Clocks));

        // A clock inserted already stopped counts; a deleted one is taken back out.
        await using (var db = Database.CreateContext())
        {
            var stopped = Clock(key, "Task_B", null, NextDay.AddHours(5));
            Stop(stopped, NextDay.AddDays(3));
            db.SlaClocks.Add(stopped);
            db.SlaClocks.Remove(await db.SlaClocks.SingleAsync(c => c.Id == clocks[2].Id));
            await db.SaveChangesAsync();
        }
        Assert.Equal(3, (await AssertConsistentAsync(key)).Values.Sum(v => v.Clocks));

        // A stop saved inside a transaction that rolls back leaves no trace in the rollup.
        await using (var db = Database.CreateContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            Stop(await db.SlaClocks.SingleAsync(c => c.Id == clocks[0].Id), NextDay.AddDays(2));
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(3, (await AssertConsistentAsync(key)).Values.Sum(v => v.Clocks));
    }

    protected async Task Concurrent_stops_of_one_step_and_day_are_all_counted()
    {
        var key = "rollup-" + Guid.NewGuid().ToString("N")[..8];
        var clocks = Enumerable
            .Range(0, 24)
            .Select(i => Clock(key, "Task_A", "crj", NextDay.AddMinutes(i)))
            .ToList();
        await using (var db = Database.CreateContext())
        {
            db.SlaClocks.AddRange(clocks);
            await db.SaveChangesAsync();
        }

        // Four writers stop six clocks each, one save per clock, all on the same rollup row.
        await Task.WhenAll(
            clocks
                .Chunk(6)
                .Select(chunk =>
                    Task.Run(async () =>
                    {
                        foreach (var clock in chunk)
                        {
                            await using var db = Database.CreateContext();
                            var row = await db.SlaClocks.SingleAsync(c => c.Id == clock.Id);
                            Stop(row, row.StartedAt.AddDays(1));
                            await db.SaveChangesAsync();
                        }
                    })
                )
        );

        var rollup = await AssertConsistentAsync(key);
        Assert.Equal(24, Assert.Single(rollup.Values).Clocks);
    }

    protected async Task Rebuild_gives_the_rows_the_saves_kept()
    {
        var key = "rollup-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = Database.CreateContext())
        {
            foreach (
                var (element, bureau, start) in new[]
                {
                    ("Task_A", "kjj", LastSecondOfDay),
                    ("Task_A", "kjj", NextDay),
                    ("Task_B", (string?)null, NextDay.AddDays(10)),
                }
            )
            {
                var clock = Clock(key, element, bureau, start);
                Stop(clock, start.AddDays(2));
                db.SlaClocks.Add(clock);
            }
            await db.SaveChangesAsync();
        }
        await using (var db = Database.CreateContext())
        {
            foreach (var start in new[] { LastSecondOfDay, NextDay, NextDay })
            {
                var clock = Clock(key, null, null, start, kind: "case");
                Stop(clock, start.AddDays(6));
                db.SlaClocks.Add(clock);
            }
            await db.SaveChangesAsync();
        }
        var kept = await AssertConsistentAsync(key);
        var keptCases = await CaseRollupAsync(key);
        Assert.Equal(3, keptCases.Sum(c => c.Item2));

        // The migration's backfill SQL (the same statement) must put every clock on the same office day as the C# upsert.
        await using (var db = Database.CreateContext())
            await SlaStepRollup.RebuildAsync(db);

        Assert.Equal(kept, await RollupAsync(key));
        Assert.Equal(keptCases, await CaseRollupAsync(key));
    }

    protected async Task Breach_day_is_the_office_day_of_the_breach()
    {
        var key = "rollup-" + Guid.NewGuid().ToString("N")[..8];
        var records = new[] { LastSecondOfDay, NextDay }
            .Select(at => new SupervisionRecordEntity
            {
                Id = Guid.NewGuid(),
                ClockId = Guid.NewGuid(),
                InstanceId = Guid.NewGuid(),
                DefinitionKey = key,
                DueAt = at,
                BreachedAt = at,
            })
            .ToList();
        await using (var db = Database.CreateContext())
        {
            db.SupervisionRecords.AddRange(records);
            await db.SaveChangesAsync();
        }
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)], await DaysAsync());

        // A correction of the moment moves the day too.
        await using (var db = Database.CreateContext())
        {
            (await db.SupervisionRecords.SingleAsync(s => s.Id == records[1].Id)).BreachedAt =
                NextDay.AddDays(1);
            await db.SaveChangesAsync();
        }
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 4)], await DaysAsync());

        async Task<List<DateOnly>> DaysAsync()
        {
            await using var db = Database.CreateContext();
            return await db
                .SupervisionRecords.Where(s => s.DefinitionKey == key)
                .OrderBy(s => s.BreachedAt)
                .Select(s => s.BreachedDay)
                .ToListAsync();
        }
    }

    private static SlaClockEntity Clock(
        string key,
        string? element,
        string? bureau,
        DateTimeOffset started,
        string kind = "task"
    ) =>
        new()
        {
            Id = Guid.NewGuid(),
            InstanceId = Guid.NewGuid(),
            TaskId = kind == "task" ? "t-" + Guid.NewGuid().ToString("N")[..10] : null,
            Kind = kind,
            DefinitionKey = key,
            ElementId = element,
            Bureau = bureau,
            Limit = "3WD",
            Status = "running",
            Level = "green",
            StartedAt = started,
            DueAt = started.AddDays(4),
            WorkingDaysUsed = 0,
        };

    private static void Stop(SlaClockEntity row, DateTimeOffset at)
    {
        row.Status = "stopped";
        row.StoppedAt = at;
        row.WorkingDaysUsed = (at - row.StartedAt).Days + 0.0;
        row.FinishedLate = at > row.DueAt;
        row.Version++;
    }

    private async Task ChangeAsync(
        string key,
        Func<WorkflowsDbContext, Task<List<SlaClockEntity>>> load,
        Action<List<SlaClockEntity>> change
    )
    {
        await using var db = Database.CreateContext();
        var rows = await load(db);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(key, r.DefinitionKey));
        change(rows);
        await db.SaveChangesAsync();
    }

    // The rollup rows of the key (rows that fell to zero are equivalent to no row) against the GROUP BY of its clocks.
    private async Task<
        Dictionary<(DateOnly, string, string), (int Clocks, double WorkingDays)>
    > AssertConsistentAsync(string key)
    {
        await using var db = Database.CreateContext();
        var clocks = await db
            .SlaClocks.AsNoTracking()
            .Where(c => c.DefinitionKey == key)
            .ToListAsync();
        var expected = clocks
            .Where(c => SlaStepRollup.Counts(c.Kind, c.Status, c.WorkingDaysUsed))
            .GroupBy(c => (SlaStepRollup.DayOf(c.StartedAt), c.ElementId ?? "", c.Bureau ?? ""))
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(c => c.WorkingDaysUsed!.Value)));
        var actual = await RollupAsync(key);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), actual.OrderBy(e => e.Key).ToList());

        // The case histogram the same way.
        var expectedCases = clocks
            .Where(c => SlaCaseRollup.Counts(c.Kind, c.Status))
            .GroupBy(c =>
                (
                    SlaStepRollup.DayOf(c.StartedAt),
                    c.Bureau ?? "",
                    c.Limit,
                    c.FinishedLate == true,
                    c.WorkingDaysUsed ?? SlaCaseRollup.NoWorkingDays
                )
            )
            .Select(g => (g.Key, g.Count()))
            .OrderBy(e => e.Key)
            .ToList();
        Assert.Equal(expectedCases, await CaseRollupAsync(key));
        return actual;
    }

    private async Task<List<((DateOnly, string, string, bool, double), int)>> CaseRollupAsync(
        string key
    )
    {
        await using var db = Database.CreateContext();
        var rows = await db
            .SlaCaseDays.AsNoTracking()
            .Where(d => d.DefinitionKey == key && d.Clocks != 0)
            .ToListAsync();
        return rows.Select(r => ((r.Day, r.Bureau, r.Limit, r.Late, r.WorkingDaysUsed), r.Clocks))
            .OrderBy(e => e.Item1)
            .ToList();
    }

    private async Task<
        Dictionary<(DateOnly, string, string), (int Clocks, double WorkingDays)>
    > RollupAsync(string key)
    {
        await using var db = Database.CreateContext();
        var rows = await db
            .SlaStepDays.AsNoTracking()
            .Where(d => d.DefinitionKey == key && d.Clocks != 0)
            .ToListAsync();
        return rows.ToDictionary(
            r => (r.Day, r.ElementId, r.Bureau),
            r => (r.Clocks, r.WorkingDays)
        );
    }
}
