// What TimerFailures.RecordAsync made of a failed attempt.
namespace Workflows.Server.Application.Timers;

/// <summary>A recorded failed attempt of a timer.</summary>
/// <param name="Attempt">The attempt that failed (1 = the first).</param>
/// <param name="MaxAttempts">The retry budget in force.</param>
/// <param name="RetryAt">When the timer is tried again; null when the budget is spent and the timer stopped.</param>
/// <param name="IncidentId">The incident raised when the budget was spent (null while retrying, or for a timer of no instance).</param>
public sealed record TimerFailure(
    int Attempt,
    int MaxAttempts,
    DateTimeOffset? RetryAt,
    Guid? IncidentId
);
