// `--statistics server`: give a reused SQLite database the planner statistics a running server keeps (the server's own
// SqliteStatistics refresh, starting from none) instead of a full ANALYZE, so the plans timed are the server's.
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Providers;

namespace Workflows.Benchmarks;

/// <summary>Replaces a SQLite database's statistics with those of the server's refresh.</summary>
public static class ServerStatistics
{
    /// <summary>Drops sqlite_stat1/4, runs <see cref="SqliteStatistics.RefreshAsync"/> on a new connection and prints how long it took.</summary>
    public static async Task ApplyAsync(WorkflowsDataOptions options)
    {
        await using (var drop = WorkflowsDbContextOptions.CreateContext(options))
            await drop.Database.ExecuteSqlRawAsync(
                "DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;"
            );
        // Pooled connections keep the statistics they loaded: the refresh and the timed queries use new ones.
        SqliteConnection.ClearAllPools();
        await using var fresh = WorkflowsDbContextOptions.CreateContext(options);
        var refresh = Stopwatch.StartNew();
        await SqliteStatistics.RefreshAsync(fresh, CancellationToken.None);
        Console.WriteLine(
            $"statistics: the server's refresh (PRAGMA optimize) from none, {refresh.Elapsed.TotalMilliseconds:F0} ms"
        );
        SqliteConnection.ClearAllPools();
    }
}
