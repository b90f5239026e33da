// Fires every due timer row in batches: claims rows with a lease so nodes share the work, fires each in its own unit of
// work with bounded parallelism, and hands a failed row to its retry budget (TimerFailures: held until its retry moment, or
// stopped with an incident once the budget is spent).
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Timers;

/// <summary>
/// One drain per node at a time: a request while a drain runs only raises the drain's horizon (the running drain claims
/// up to the latest horizon before it stops), so overlapping bucket jobs and the sweep never fire side by side on one
/// node. Rows are claimed oldest first by setting <see cref="TimerEntity.LockedBy"/> and <see cref="TimerEntity.LockedUntil"/>;
/// rows of one instance go to the same lane, in due order, so they do not conflict with each other.
/// </summary>
public sealed partial class TimerDrain(
    IServiceScopeFactory scopes,
    TimerFiring firing,
    TimerFailures failures,
    TimerBuckets buckets,
    IOptionsMonitor<TimerFiringOptions> options,
    WorkflowsDataOptions data,
    TimeProvider time,
    ILogger<TimerDrain> logger
)
{
    private readonly Lock _gate = new();
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}";
    private DateTimeOffset _horizon = DateTimeOffset.MinValue;
    private Task<int>? _running;
    private long _claims;

    /// <summary>
    /// Fires every pending row due at or before <paramref name="upTo"/> that no node holds. When a drain already runs on this
    /// node it takes the horizon over and <see cref="DrainRequest.Joined"/> is true (the caller need not wait for it).
    /// </summary>
    public DrainRequest Request(DateTimeOffset upTo, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (upTo > _horizon)
                _horizon = upTo;
            if (_running is { } running)
                return new DrainRequest(running, Joined: true);
            var started = Task.Run(() => LoopAsync(ct), CancellationToken.None);
            _running = started;
            return new DrainRequest(started, Joined: false);
        }
    }

    private async Task<int> LoopAsync(CancellationToken ct)
    {
        var fired = 0;
        var ended = false;
        try
        {
            while (true)
            {
                DateTimeOffset upTo;
                lock (_gate)
                    upTo = _horizon;
                var (batch, found) = await ClaimAsync(upTo, ct);
                if (batch.Count > 0)
                    fired += await FireBatchAsync(batch, ct);
                if (found > 0)
                    continue; // claimed some, or another node won these rows: look again
                await ScheduleWakeUpAsync(upTo, ct);
                lock (_gate)
                {
                    if (_horizon > upTo)
                        continue; // a request raised the horizon while we looked: claim again
                    _running = null;
                    ended = true;
                    return fired;
                }
            }
        }
        finally
        {
            // Failed (the database is gone, shutting down): let the next request start a drain. Requests that joined this one
            // are left to the next bucket job or the sweep.
            if (!ended)
                lock (_gate)
                    _running = null;
        }
    }

    // Oldest due rows no node holds: pick ids, lease them with a token of this claim, read back the ones this claim got.
    private async Task<(List<TimerEntity> Rows, int Found)> ClaimAsync(
        DateTimeOffset upTo,
        CancellationToken ct
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var ids = await db
            .Timers.Where(t =>
                t.Status == TimerStatuses.Pending
                && t.DueAt <= upTo
                && (t.LockedUntil == null || t.LockedUntil <= now)
            )
            .OrderBy(t => t.DueAt)
            .Select(t => t.Id)
            .Take(settings.BatchSize > 0 ? settings.BatchSize : 8 * Lanes())
            .ToListAsync(ct);
        if (ids.Count == 0)
            return ([], 0);
        var token = $"{_node}#{Interlocked.Increment(ref _claims)}";
        var until = now + settings.Lease;
        var claimed = await db
            .Timers.Where(t =>
                ids.Contains(t.Id)
                && t.Status == TimerStatuses.Pending
                && (t.LockedUntil == null || t.LockedUntil <= now)
            )
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.LockedBy, token).SetProperty(t => t.LockedUntil, until),
                ct
            );
        if (claimed == 0)
            return ([], ids.Count);
        var rows = await db
            .Timers.AsNoTracking()
            .Where(t =>
                ids.Contains(t.Id) && t.LockedBy == token && t.Status == TimerStatuses.Pending
            )
            .OrderBy(t => t.DueAt)
            .ToListAsync(ct);
        return (rows, ids.Count);
    }

    private async Task<int> FireBatchAsync(List<TimerEntity> batch, CancellationToken ct)
    {
        var lanes = Lanes();
        var work = batch.GroupBy(t => LaneOf(t, lanes)).Select(g => FireLaneAsync(g.ToList(), ct));
        return (await Task.WhenAll(work)).Sum();
    }

    private async Task<int> FireLaneAsync(List<TimerEntity> rows, CancellationToken ct)
    {
        var fired = 0;
        foreach (var row in rows)
        {
            if (ct.IsCancellationRequested)
            {
                await ReleaseAsync(row.Id, null); // shutting down: let another node (or the next start) have it at once
                continue;
            }
            try
            {
                if (await firing.FireAsync(row))
                    fired++;
            }
            catch (Exception ex)
            {
                await RecordFailureAsync(row, ex);
            }
        }
        return fired;
    }

    // Failed: counted against its budget and held until its retry moment (every drain skips it till then), or stopped with an
    // incident. When even that cannot be written (the database is gone), the claim's lease runs out by itself.
    private async Task RecordFailureAsync(TimerEntity row, Exception ex)
    {
        try
        {
            await failures.RecordAsync(row, ex);
        }
        catch (Exception recordError)
        {
            LogFailed(logger, ex, row.Id, row.Kind);
            LogRecordFailed(logger, recordError, row.Id);
        }
    }

    private async Task ReleaseAsync(string timerId, DateTimeOffset? until)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            await db
                .Timers.Where(t => t.Id == timerId && t.Status == TimerStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LockedUntil, until));
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, timerId); // the lease runs out by itself
        }
    }

    // Rows due but held (failed and waiting to retry, or claimed by a node that may have died): come back when the first
    // hold runs out, so neither waits for the minute's sweep.
    private async Task ScheduleWakeUpAsync(DateTimeOffset upTo, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var now = time.GetUtcNow();
        var next = await db
            .Timers.Where(t =>
                t.Status == TimerStatuses.Pending && t.DueAt <= upTo && t.LockedUntil > now
            )
            .OrderBy(t => t.LockedUntil)
            .Select(t => t.LockedUntil)
            .FirstOrDefaultAsync(ct);
        if (next is { } at)
            buckets.Schedule(at);
    }

    /// <summary>The earliest due moment of a pending row due after <paramref name="after"/> and at or before <paramref name="until"/>.</summary>
    public async Task<DateTimeOffset?> EarliestPendingAsync(
        DateTimeOffset after,
        DateTimeOffset until,
        CancellationToken ct = default
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        return await db
            .Timers.Where(t =>
                t.Status == TimerStatuses.Pending && t.DueAt > after && t.DueAt <= until
            )
            .OrderBy(t => t.DueAt)
            .Select(t => (DateTimeOffset?)t.DueAt)
            .FirstOrDefaultAsync(ct);
    }

    private int Lanes() =>
        options.CurrentValue.Concurrency is > 0 and var n ? n
        : data.Provider == DatabaseProvider.Sqlite ? 4
        : 16;

    private static int LaneOf(TimerEntity timer, int lanes)
    {
        var key = timer.InstanceId?.GetHashCode() ?? StringComparer.Ordinal.GetHashCode(timer.Id);
        return (int)((uint)key % (uint)lanes);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {TimerId} ({Kind}) failed")]
    private static partial void LogFailed(
        ILogger logger,
        Exception ex,
        string timerId,
        string kind
    );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not record the failure of timer {TimerId}; its lease runs out by itself"
    )]
    private static partial void LogRecordFailed(ILogger logger, Exception ex, string timerId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not release timer {TimerId}; its lease runs out by itself"
    )]
    private static partial void LogReleaseFailed(ILogger logger, Exception ex, string timerId);
}
