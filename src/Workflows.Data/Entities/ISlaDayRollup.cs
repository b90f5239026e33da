namespace Workflows.Data.Entities;

/// <summary>
/// A row of one of the dashboard's per-day rollups (<see cref="SlaStepDayEntity"/>, <see cref="SlaCaseDayEntity"/>): the
/// office day, procedure and bureau every chart filters by, so the scope and period filter is written once.
/// </summary>
public interface ISlaDayRollup
{
    /// <summary>The office day (UTC+8) the counted clocks started on.</summary>
    DateOnly Day { get; }

    /// <summary>The procedure's definition key.</summary>
    string DefinitionKey { get; }

    /// <summary>The bureau the clocks belong to.</summary>
    string Bureau { get; }
}
