// SQLite plans from sqlite_stat1, which only ANALYZE writes; SqliteStatistics.RefreshAsync (run by the server on start
// and hourly) must write it for a database that has none, and leave other providers alone.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqliteStatisticsTests(SqliteTestDatabase database)
    : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task A_database_without_statistics_gets_them_for_its_tables_and_indexes()
    {
        await using (var fill = database.CreateContext())
        {
            var start = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
            for (var i = 0; i < 1000; i++)
                fill.SlaClocks.Add(
                    new SlaClockEntity
                    {
                        Id = Guid.NewGuid(),
                        InstanceId = Guid.NewGuid(),
                        Kind = i % 5 == 0 ? "case" : "task",
                        DefinitionKey = "stats-" + (i % 3),
                        Bureau = "b" + (i % 4),
                        Limit = "5WD",
                        Status = i % 10 == 0 ? "running" : "stopped",
                        StartedAt = start.AddHours(i),
                        WorkingDaysUsed = i % 6,
                    }
                );
            await fill.SaveChangesAsync();
        }
        await using var db = database.CreateContext();
        var before = await StatisticsOf(db, "SlaClocks");

        var ran = await SqliteStatistics.RefreshAsync(db, CancellationToken.None);
        var after = await StatisticsOf(db, "SlaClocks");

        Assert.True(ran);
        Assert.Empty(before);
        Assert.Contains("IX_SlaClocks_Closed_Histogram", after);
        Assert.Contains("IX_SlaClocks_Status_Level_Bureau", after);
    }

    // The indexes of the table that sqlite_stat1 has a row for (none while the table was never analyzed).
    private static async Task<List<string>> StatisticsOf(WorkflowsDbContext db, string table)
    {
        var exists = await db
            .Database.SqlQueryRaw<int>(
                "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'"
            )
            .SingleAsync();
        if (exists == 0)
            return [];
        return await db
            .Database.SqlQueryRaw<string>(
                "SELECT idx AS \"Value\" FROM sqlite_stat1 WHERE tbl = {0} AND idx IS NOT NULL",
                table
            )
            .ToListAsync();
    }
}

/// <summary>PostgreSQL analyzes by itself (autovacuum): nothing runs there.</summary>
public sealed class SqliteStatisticsOnPostgresTests(PostgresTestDatabase database)
    : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task Refreshing_does_nothing_on_PostgreSQL()
    {
        await using var db = database.CreateContext();

        Assert.False(await SqliteStatistics.RefreshAsync(db, CancellationToken.None));
    }
}
