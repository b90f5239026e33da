// Timers due in the same second share one Hangfire job and still each fire exactly once, through real Hangfire on the
// wall clock (PostgreSQL: Hangfire's PostgreSQL storage), also when the host restarts before they are due.
using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application.Timers;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Timers;

/// <summary>Batched timer scenarios, run once per database provider.</summary>
public abstract class TimerBatchSpecs(HostFixture fixture)
{
    private HostOptions Options =>
        new(HangfireStorage: fixture.Provider == "PostgreSql" ? "Database" : "InMemory");

    [ProviderFact]
    public async Task Timers_due_in_the_same_second_all_fire_exactly_once()
    {
        var host = await fixture.StartAsync(Options);
        var key = Processes.NewKey("batch");
        await (await host.As("designer")).DeployOkAsync(Processes.TimerAt(key));
        var admin = await host.As("admin");
        var dueAt = WholeSecondIn(TimeSpan.FromSeconds(6));

        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
            ids.Add(await admin.StartAsync(key, variables: new { dueAt = Iso(dueAt) }));
        foreach (var id in ids)
            await admin.WaitForStatusAsync(id, "Completed", seconds: 90);

        var timers = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value))
                .ToListAsync()
        );
        Assert.Equal(ids.Count, timers.Count);
        Assert.All(
            timers,
            t => Assert.Equal((TimerStatuses.Fired, 1, dueAt), (t.Status, t.Attempts, t.DueAt))
        );
        Assert.All(
            timers,
            t =>
                Assert.True(
                    t.FiredAt >= t.DueAt,
                    $"timer {t.Id} fired at {t.FiredAt:O}, before {t.DueAt:O}"
                )
        );
        var firings = await host.QueryAsync(db =>
            db.AuditEvents.AsNoTracking()
                .Where(e =>
                    e.Action == "timer.fired"
                    && e.InstanceId != null
                    && ids.Contains(e.InstanceId.Value)
                )
                .Select(e => e.InstanceId!.Value)
                .ToListAsync()
        );
        Assert.Equal(ids.Order(), firings.Order());
    }

    [ProviderFact]
    public async Task Many_timers_of_one_second_far_ahead_schedule_one_hangfire_job()
    {
        var host = await fixture.StartAsync(Options);
        var buckets = host.Services.GetRequiredService<TimerBuckets>();
        var second = WholeSecondIn(TimeSpan.FromHours(1));
        var bucket = TimerBuckets.BucketOf(second);

        for (var ms = 0; ms < 10; ms++)
            buckets.Schedule(second.AddMilliseconds(-100 * ms)); // all within the second that ends at `second`
        buckets.Schedule(second.AddMilliseconds(1)); // the next second

        var scheduled = host
            .Services.GetRequiredService<JobStorage>()
            .GetMonitoringApi()
            .ScheduledJobs(0, 10_000)
            .Select(j => j.Value.Job)
            .Where(j => j?.Type == typeof(TimerBucketJob))
            .Select(j => (long)j!.Args[0])
            .ToList();
        Assert.Equal(1, scheduled.Count(b => b == bucket));
        Assert.Equal(1, scheduled.Count(b => b == bucket + 1));
    }

    [ProviderFact]
    public async Task A_restart_before_the_due_second_loses_none_of_its_timers_and_fires_each_once()
    {
        var key = Processes.NewKey("rbatch");
        var dueAt = WholeSecondIn(TimeSpan.FromSeconds(15));
        var ids = new List<Guid>();
        var before = await fixture.StartAsync(Options);
        {
            await (await before.As("designer")).DeployOkAsync(Processes.TimerAt(key));
            var admin = await before.As("admin");
            for (var i = 0; i < 6; i++)
                ids.Add(
                    await admin.StartAsync(
                        key,
                        variables: new { dueAt = Iso(dueAt.AddSeconds(i % 2)) }
                    )
                );
            var pending = await before.QueryAsync(db =>
                db.Timers.CountAsync(t =>
                    t.InstanceId != null
                    && ids.Contains(t.InstanceId.Value)
                    && t.Status == TimerStatuses.Pending
                )
            );
            Assert.Equal(ids.Count, pending);
        }
        await before.DisposeAsync();

        await using var after = await fixture.StartAsync(Options);
        var reader = await after.As("admin");
        foreach (var id in ids)
            await reader.WaitForStatusAsync(id, "Completed", seconds: 90);
        var timers = await after.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value))
                .ToListAsync()
        );
        Assert.All(timers, t => Assert.Equal((TimerStatuses.Fired, 1), (t.Status, t.Attempts)));
        var firings = await after.QueryAsync(db =>
            db.AuditEvents.AsNoTracking()
                .Where(e =>
                    e.Action == "timer.fired"
                    && e.InstanceId != null
                    && ids.Contains(e.InstanceId.Value)
                )
                .Select(e => e.InstanceId!.Value)
                .ToListAsync()
        );
        Assert.Equal(ids.Order(), firings.Order());
    }

    // A whole second at least `ahead` from now, so every timer of a scenario falls in the same bucket.
    private static DateTimeOffset WholeSecondIn(TimeSpan ahead) =>
        DateTimeOffset.FromUnixTimeSeconds(
            DateTimeOffset.UtcNow.Add(ahead).ToUnixTimeSeconds() + 1
        );

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>Batched timers on a SQLite file (in-memory Hangfire).</summary>
public sealed class TimerBatchOnSqlite(SqliteFixture fixture)
    : TimerBatchSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Batched timers on PostgreSQL (Hangfire.PostgreSql storage).</summary>
[Postgres]
public sealed class TimerBatchOnPostgres(PostgresFixture fixture)
    : TimerBatchSpecs(fixture),
        IClassFixture<PostgresFixture>;
