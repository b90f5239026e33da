// A rollup row of the dashboard's "slowest steps" chart: closed task clocks of one step and bureau that started on one
// office calendar day. Kept in the same transaction as the clocks (WorkflowsDbContext.SaveChanges, SlaStepRollup).
namespace Workflows.Data.Entities;

/// <summary>Closed task clocks (with working days used) per office day of their start, procedure, step and bureau.</summary>
public class SlaStepDayEntity : ISlaDayRollup
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The office calendar day (UTC+8, <see cref="SlaStepRollup.OfficeOffset"/>) on which the clocks started.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Definition key.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>The step's element id ("" when the clock has none).</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The responsible bureau ("" when the clock has none).</summary>
    public string Bureau { get; set; } = "";

    /// <summary>How many closed clocks the row counts (0 once all of them were removed).</summary>
    public int Clocks { get; set; }

    /// <summary>The sum of their working days used.</summary>
    public double WorkingDays { get; set; }

    /// <summary>One task of the step (the last one counted), so the chart can show the step's bilingual name.</summary>
    public string? TaskId { get; set; }
}
