namespace Workflows.Server.Application.Dashboard;

/// <summary>
/// A GROUP BY row of the SLA summary: <see cref="Count"/> clocks of one bureau ("" for none) and procedure that are open
/// at <see cref="Level"/>, or stopped with the same limit, lateness and working days used (null: none recorded).
/// </summary>
internal sealed record SlaSummaryBucket(
    string Bureau,
    string DefinitionKey,
    bool Open,
    string? Level,
    string? Limit,
    bool Late,
    double? WorkingDaysUsed,
    int Count
);

/// <summary>A GROUP BY row of the stopped clocks as the database returns it (<see cref="SlaSummaryQueries.StoppedBuckets"/>).</summary>
internal sealed record SlaStoppedBucket(
    string? Bureau,
    string DefinitionKey,
    string Limit,
    bool? FinishedLate,
    double? WorkingDaysUsed,
    int Count
);
