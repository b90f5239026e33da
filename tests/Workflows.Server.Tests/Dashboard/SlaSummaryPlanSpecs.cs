// The SLA summary's stopped-clock statement must group while it scans IX_SlaClocks_Closed_Histogram: its GROUP BY key is
// the index's columns before StartedAt. An index with Bureau after StartedAt (its order until this spec) makes SQLite sort every
// stopped clock first (1.0 s instead of 0.2 s for a year at 1M clocks, docs/benchmarks.md) and still returns the same
// numbers, so SlaSummarySpecs cannot tell; the query plan can.
using System.Data.Common;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Server.Application.Dashboard;
using Workflows.Server.Auth;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Dashboard;

/// <summary>Query plans of the SLA summary on SQLite.</summary>
public sealed class SlaSummaryPlanSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    // A manager's summary of a year or a period, of every kind or one. (A chief's own bureau reads the same index by a
    // skip-scan on Kind once there are enough clocks per kind; this small table is planned with a range and a sort.)
    [Theory]
    [InlineData(null)]
    [InlineData("task")]
    public async Task The_stopped_clocks_are_grouped_in_the_order_of_the_histogram_index_without_a_sort(
        string? kind
    )
    {
        var host = await fixture.SharedAsync(new HostOptions());
        await FillAsync(host);

        var plan = await host.QueryAsync(async db =>
        {
            // What the server does on start and every hour (DatabaseStatisticsJob): without statistics SQLite guesses.
            Assert.True(await SqliteStatistics.RefreshAsync(db, CancellationToken.None));
            // The summary's own scope for a manager (every bureau) over a period, as the endpoint builds it.
            var clocks = new SlaSummaryQueries(db).Clocks(
                Manager,
                DateTimeOffset.UnixEpoch,
                null,
                kind
            );
            await using var command = SlaSummaryQueries
                .StoppedBuckets(clocks, kind)
                .CreateDbCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            return await Details(command);
        });

        Assert.True(
            plan.Any(step =>
                step.Contains("INDEX IX_SlaClocks_Closed_Histogram", StringComparison.Ordinal)
            ) && !plan.Any(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal)),
            string.Join(" / ", plan)
        );
    }

    [Fact]
    public async Task On_SQLite_the_server_refreshes_the_statistics_every_hour()
    {
        var host = await fixture.SharedAsync(new HostOptions());

        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection
            .GetRecurringJobs()
            .SingleOrDefault(j => j.Id == DatabaseStatisticsJob.RecurringId);

        Assert.NotNull(job);
        Assert.Equal(Cron.Hourly(), job.Cron);
        Assert.True(await host.Services.GetRequiredService<DatabaseStatisticsJob>().RunAsync());
    }

    private static readonly CurrentUser Manager = new(
        "manager",
        new HashSet<string>([Roles.Manager]),
        new HashSet<string>(),
        null
    );

    // Stopped clocks of six bureaus, four procedures and eight lengths, and a few running ones: enough rows for the
    // statistics to say what a large database would (Status and Kind have few values; the clocks are mostly stopped).
    // Once per database: the tests of a class run one at a time.
    private static async Task FillAsync(ServerHost host)
    {
        if (
            await host.QueryAsync(db =>
                db.SlaClocks.AnyAsync(c => c.DefinitionKey.StartsWith("plan-"))
            )
        )
            return;
        await host.QueryAsync(async db =>
        {
            var start = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 1500; i++)
            {
                var stopped = i % 15 != 0;
                var started = start.AddHours(i);
                db.SlaClocks.Add(
                    new SlaClockEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = Guid.NewGuid(),
                        TaskId = "t-" + Guid.NewGuid().ToString("N")[..10],
                        Kind = i % 5 == 0 ? "case" : "task",
                        DefinitionKey = "plan-" + (i % 4),
                        ElementId = "Task_Review",
                        Bureau = "b" + (i % 6),
                        Limit = "5WD",
                        Status = stopped ? "stopped" : "running",
                        Level = "green",
                        StartedAt = started,
                        DueAt = started.AddDays(7),
                        StoppedAt = stopped ? started.AddDays(2) : null,
                        FinishedLate = stopped ? i % 7 == 0 : null,
                        WorkingDaysUsed = 1 + (i % 8),
                        ClockJson = "{}",
                    }
                );
            }
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<List<string>> Details(DbCommand command)
    {
        var details = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            details.Add(reader.GetString(reader.GetOrdinal("detail")));
        return details;
    }
}
