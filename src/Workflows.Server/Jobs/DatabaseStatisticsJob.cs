using Hangfire;
using Workflows.Data;
using Workflows.Data.Providers;

namespace Workflows.Server.Jobs;

/// <summary>
/// Hourly on SQLite, and enqueued once at start (<c>StartupTasks</c>): refreshes the query planner's statistics where the tables
/// grew or shrank a lot since their last analysis (<see cref="SqliteStatistics"/>). A new database has none, and the
/// plans the dashboard, inbox and SLA summary were measured with assume them. Not registered on PostgreSQL or SQL Server,
/// which keep their statistics themselves.
/// </summary>
public sealed class DatabaseStatisticsJob(IServiceScopeFactory scopes)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringId = "workflows-statistics";

    /// <summary>One refresh; true when it ran (SQLite).</summary>
    [DisableConcurrentExecution(600)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<bool> RunAsync()
    {
        using var scope = scopes.CreateScope();
        return await SqliteStatistics.RefreshAsync(
            scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>(),
            CancellationToken.None
        );
    }
}
