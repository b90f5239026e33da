// A rollup row of the dashboard's closed-case charts: closed case clocks of one procedure and bureau that started on one
// office calendar day, with the same limit, lateness and working days used (a histogram bucket). Kept in the same
// transaction as the clocks (WorkflowsDbContext.SaveChanges, SlaCaseRollup).
namespace Workflows.Data.Entities;

/// <summary>Closed case clocks per office day of their start, procedure, bureau, limit, lateness and working days used.</summary>
public class SlaCaseDayEntity : ISlaDayRollup
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The office calendar day (UTC+8, <see cref="SlaStepRollup.OfficeOffset"/>) on which the clocks started.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Definition key.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>The bureau ("" when the clock has none, as case clocks do).</summary>
    public string Bureau { get; set; } = "";

    /// <summary>The committed limit, e.g. <c>7WD</c>.</summary>
    public string Limit { get; set; } = "";

    /// <summary>Whether the clocks finished late (FinishedLate = true).</summary>
    public bool Late { get; set; }

    /// <summary>Working days used, or <see cref="SlaCaseRollup.NoWorkingDays"/> for clocks without the value.</summary>
    public double WorkingDaysUsed { get; set; }

    /// <summary>How many closed clocks the row counts (0 once all of them were removed).</summary>
    public int Clocks { get; set; }
}
