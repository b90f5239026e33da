// The start-up reconciler and the sweep schedule the Hangfire jobs of pending timers for a window only: one job now for the
// overdue ones, one per due second up to the horizon, none beyond it until a later sweep reaches it (real Hangfire storage).
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application.Timers;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Timers;

/// <summary>Timer job scheduling of the reconciler and the sweep, run once per database provider.</summary>
public abstract class TimerReconcilerSpecs(HostFixture fixture)
{
    // A kind no handler knows: if a job of these tests ever ran, the row would only be marked fired.
    private const string Kind = "reconciler-spec";

    private HostOptions Options =>
        new(HangfireStorage: fixture.Provider == "PostgreSql" ? "Database" : "InMemory");

    [ProviderFact]
    public async Task Overdue_timers_get_one_job_now_and_upcoming_ones_a_job_per_second_but_none_beyond_the_horizon()
    {
        var host = await fixture.StartAsync(Options);
        // "Now" of the reconciliation is hours ahead, so every job it schedules stays in Hangfire's scheduled set.
        var from = DateTimeOffset
            .FromUnixTimeSeconds(
                DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeSeconds() + Random.Shared.Next(3600)
            )
            .AddMilliseconds(250);
        var overdue = from.AddMinutes(-10);
        var upcoming = from.AddSeconds(30);
        var sameSecond = upcoming.AddMilliseconds(-200);
        var beyond = from + TimerReconciler.Horizon + TimeSpan.FromMinutes(1);
        var ids = await InsertAsync(host, overdue, upcoming, sameSecond, beyond);
        try
        {
            await host
                .Services.GetRequiredService<TimerReconciler>()
                .ScheduleAsync(from, from + TimerReconciler.Horizon, overdue: true);

            var scheduled = ScheduledBuckets(host);
            Assert.Equal(1, scheduled.Count(b => b == TimerBuckets.BucketOf(from)));
            Assert.Equal(1, scheduled.Count(b => b == TimerBuckets.BucketOf(upcoming))); // both rows of that second, one job
            Assert.DoesNotContain(TimerBuckets.BucketOf(overdue), scheduled); // overdue rows share the job of "now"
            Assert.DoesNotContain(TimerBuckets.BucketOf(beyond), scheduled);

            // A later sweep's window reaches the last one.
            var later = beyond.AddMinutes(-2);
            await host
                .Services.GetRequiredService<TimerReconciler>()
                .ScheduleAsync(later, later + TimerReconciler.Horizon, overdue: false);
            Assert.Equal(1, ScheduledBuckets(host).Count(b => b == TimerBuckets.BucketOf(beyond)));
        }
        finally
        {
            await DeleteAsync(host, ids);
        }
    }

    [ProviderFact]
    public async Task A_start_without_overdue_timers_schedules_no_job_for_now()
    {
        var host = await fixture.StartAsync(Options);
        var from = DateTimeOffset
            .FromUnixTimeSeconds(
                DateTimeOffset.UtcNow.AddHours(5).ToUnixTimeSeconds() + Random.Shared.Next(3600)
            )
            .AddMilliseconds(250);
        // Every other pending row of the shared database is due before `from`: count only this window's rows.
        var upcoming = from.AddSeconds(10);
        var ids = await InsertAsync(host, upcoming);
        try
        {
            var seconds = await host
                .Services.GetRequiredService<TimerReconciler>()
                .ScheduleAsync(from, from + TimerReconciler.Horizon, overdue: false);

            Assert.Equal(1, seconds);
            Assert.DoesNotContain(TimerBuckets.BucketOf(from), ScheduledBuckets(host));
            Assert.Contains(TimerBuckets.BucketOf(upcoming), ScheduledBuckets(host));
        }
        finally
        {
            await DeleteAsync(host, ids);
        }
    }

    [ProviderFact]
    public async Task The_sweep_schedules_the_job_of_a_timer_that_has_come_within_the_horizon()
    {
        var host = await fixture.StartAsync(Options);
        // Inserted after the start (so not by a command, which would schedule its own job): only the sweep can find it.
        var dueAt = DateTimeOffset
            .UtcNow.AddMinutes(2)
            .AddMilliseconds(Random.Shared.Next(1, 60_000));
        var ids = await InsertAsync(host, dueAt);
        try
        {
            Assert.DoesNotContain(TimerBuckets.BucketOf(dueAt), ScheduledBuckets(host));

            await host.Services.GetRequiredService<SweepJob>().RunAsync();

            Assert.Contains(TimerBuckets.BucketOf(dueAt), ScheduledBuckets(host));
        }
        finally
        {
            await DeleteAsync(host, ids);
        }
    }

    private static async Task<List<string>> InsertAsync(
        ServerHost host,
        params DateTimeOffset[] dueAts
    )
    {
        var rows = dueAts
            .Select(d => new TimerEntity
            {
                Id = $"rec-{Guid.NewGuid():N}",
                Kind = Kind,
                DueAt = d,
                Status = TimerStatuses.Pending,
                CreatedAt = DateTimeOffset.UtcNow,
                Version = 1,
            })
            .ToList();
        await host.QueryAsync(db =>
        {
            db.Timers.AddRange(rows);
            return db.SaveChangesAsync();
        });
        return rows.Select(r => r.Id).ToList();
    }

    private static Task<int> DeleteAsync(ServerHost host, List<string> ids) =>
        host.QueryAsync(db => db.Timers.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync());

    private static List<long> ScheduledBuckets(ServerHost host) =>
        host
            .Services.GetRequiredService<JobStorage>()
            .GetMonitoringApi()
            .ScheduledJobs(0, 100_000)
            .Select(j => j.Value.Job)
            .Where(j => j?.Type == typeof(TimerBucketJob))
            .Select(j => (long)j!.Args[0])
            .ToList();
}

/// <summary>Timer job scheduling on a SQLite file (in-memory Hangfire).</summary>
public sealed class TimerReconcilerOnSqlite(SqliteFixture fixture)
    : TimerReconcilerSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Timer job scheduling on PostgreSQL (Hangfire.PostgreSql storage).</summary>
[Postgres]
public sealed class TimerReconcilerOnPostgres(PostgresFixture fixture)
    : TimerReconcilerSpecs(fixture),
        IClassFixture<PostgresFixture>;
