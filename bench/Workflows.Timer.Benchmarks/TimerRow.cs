namespace Workflows.Timer.Benchmarks;

/// <summary>One measured timer as the database has it after the run.</summary>
/// <param name="CreatedAt">When the instance (and its timer row) was committed.</param>
/// <param name="DueAt">When the timer was due.</param>
/// <param name="FiredAt">When it was marked fired, if it was.</param>
/// <param name="Status">Timer status.</param>
/// <param name="Attempts">Firing attempts recorded on the row.</param>
/// <param name="FiredEvents">Number of <c>timer.fired</c> audit events of its instance (1 = fired once).</param>
/// <param name="InstanceStatus">The instance's status.</param>
public readonly record struct TimerRow(
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? FiredAt,
    string Status,
    int Attempts,
    int FiredEvents,
    string InstanceStatus
);
