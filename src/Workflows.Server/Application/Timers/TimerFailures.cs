// A timer's retry budget: a failed firing is held with a doubling backoff, and the failure that spends the budget stops the
// timer and raises an incident on its instance (the same incidents an admin retries for a failing service task).
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Observability;

namespace Workflows.Server.Application.Timers;

/// <summary>
/// Records a failed attempt on its timer row (<see cref="TimerEntity.Attempts"/>, <see cref="TimerEntity.LastError"/>) with
/// an audit event <c>timer.failed</c>. Within <see cref="TimerFiringOptions.MaxAttempts"/> the row stays pending and is held
/// (<see cref="TimerEntity.LockedUntil"/>) for <see cref="TimerFiringOptions.HoldAfter"/>; the last attempt marks it
/// <see cref="TimerStatuses.Failed"/> and raises an incident on its instance (<c>incident.raised</c>) in the same
/// transaction. <see cref="IncidentService.RetryAsync"/> re-arms it.
/// </summary>
public sealed partial class TimerFailures(
    IServiceScopeFactory scopes,
    IOptionsMonitor<TimerFiringOptions> options,
    TimeProvider time,
    ILogger<TimerFailures> logger
)
{
    // Long enough for any handler's message; a stack trace belongs in the log, not in the row.
    private const int MaxErrorLength = 2000;

    /// <summary>Records that firing <paramref name="claimed"/> (the row as read before the attempt) failed with <paramref name="error"/>.</summary>
    /// <returns>What became of the row; null when it is no longer pending (fired or cancelled meanwhile), so nothing was recorded.</returns>
    /// <exception cref="DbUpdateConcurrencyException">The row changed meanwhile (its lease runs out and the next attempt decides).</exception>
    public async Task<TimerFailure?> RecordAsync(TimerEntity claimed, Exception error)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var row = await db.Timers.FirstOrDefaultAsync(t => t.Id == claimed.Id);
        if (row is null || row.Status != TimerStatuses.Pending)
            return null;
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        // A BPMN attempt rolled back with its instance (the row's count is as read); another kind counted its attempt when
        // it claimed the row. Either way this failed attempt is the claimed count plus one.
        var attempt = Math.Max(row.Attempts, claimed.Attempts + 1);
        var message = Truncate(error.Message.Length > 0 ? error.Message : error.GetType().Name);
        var budget = settings.AttemptBudget;
        row.Attempts = attempt;
        row.LastError = message;
        row.Version++;
        TimerFailure outcome;
        if (attempt < budget)
        {
            row.LockedUntil = now + settings.HoldAfter(attempt);
            outcome = new TimerFailure(attempt, budget, row.LockedUntil, null);
        }
        else
        {
            row.Status = TimerStatuses.Failed;
            row.LockedBy = null;
            row.LockedUntil = null;
            Guid? incident = row.InstanceId is { } instanceId
                ? IncidentService.Raise(
                    db,
                    now,
                    instanceId,
                    row.ElementId,
                    $"Timer {row.ElementId ?? row.Id} ({row.Kind}) failed {attempt} times: {message}",
                    row
                )
                : null;
            outcome = new TimerFailure(attempt, budget, null, incident);
        }
        db.AuditEvents.Add(
            Audit(
                now,
                "timer.failed",
                row,
                new JsonObject
                {
                    ["timerId"] = row.Id,
                    ["kind"] = row.Kind,
                    ["attempt"] = attempt,
                    ["maxAttempts"] = budget,
                    ["error"] = message,
                    ["retryAt"] = outcome.RetryAt,
                }
            )
        );
        await db.SaveChangesAsync();
        WorkflowsMetrics.TimerFailed(row.Kind, outcome.RetryAt is null);
        if (outcome.RetryAt is { } retryAt)
            LogRetried(logger, error, row.Id, row.Kind, attempt, budget, retryAt);
        else
            LogGaveUp(logger, error, row.Id, row.Kind, attempt, row.InstanceId);
        return outcome;
    }

    private static AuditEventEntity Audit(
        DateTimeOffset at,
        string action,
        TimerEntity row,
        JsonObject data
    ) =>
        new()
        {
            At = at,
            Actor = "system",
            Action = action,
            InstanceId = row.InstanceId,
            TaskId = row.TaskId,
            ElementId = row.ElementId,
            DataJson = data.ToJsonString(),
        };

    private static string Truncate(string text) =>
        text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Timer {TimerId} ({Kind}) failed attempt {Attempt} of {MaxAttempts}; it is retried at {RetryAt:O}"
    )]
    private static partial void LogRetried(
        ILogger logger,
        Exception ex,
        string timerId,
        string kind,
        int attempt,
        int maxAttempts,
        DateTimeOffset retryAt
    );

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Timer {TimerId} ({Kind}) failed all {Attempts} attempts; it stops, with an incident on instance {InstanceId}"
    )]
    private static partial void LogGaveUp(
        ILogger logger,
        Exception ex,
        string timerId,
        string kind,
        int attempts,
        Guid? instanceId
    );
}
