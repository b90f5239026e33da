using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Timers;

namespace Workflows.Server.Jobs;

/// <summary>
/// Fires one timer row by id, now. Timers are normally fired by the job of their due second (<see cref="TimerBucketJob"/>);
/// this one serves callers that name a single row (operators, tests) and jobs of that shape already in Hangfire's storage.
/// Our table is the truth, Hangfire only executes: a row fired twice (two nodes, a replay, the sweep) fires once. A failed
/// attempt counts against the timer's retry budget like one of the drain's (<see cref="TimerFailures"/>), rather than being
/// retried by Hangfire regardless of it.
/// </summary>
public sealed class TimerJob(
    IServiceScopeFactory scopes,
    TimerFiring firing,
    TimerFailures failures,
    TimerBuckets buckets,
    TimeProvider time
)
{
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(500);

    /// <summary>Fires the timer if it is still pending and due (a lease held by a node's drain is not waited for).</summary>
    /// <returns>True when this call fired it.</returns>
    [AutomaticRetry(Attempts = 3)]
    public async Task<bool> FireAsync(string timerId)
    {
        TimerEntity? timer;
        using (var scope = scopes.CreateScope())
            timer = await scope
                .ServiceProvider.GetRequiredService<WorkflowsDbContext>()
                .Timers.AsNoTracking()
                .FirstOrDefaultAsync(t => t.Id == timerId);
        if (timer is null || timer.Status != TimerStatuses.Pending)
            return false;
        if (timer.DueAt - time.GetUtcNow() > EarlyTolerance)
        {
            // Called early (e.g. a clock moved the due date): the job of its due second fires it.
            buckets.Schedule(timer.DueAt);
            return false;
        }
        try
        {
            return await firing.FireAsync(timer);
        }
        catch (Exception ex)
        {
            // Held for its retry (the drain tries it then) or stopped with an incident. Only when that cannot be written
            // does the job fail (and Hangfire retry it).
            await failures.RecordAsync(timer, ex);
            return false;
        }
    }
}
