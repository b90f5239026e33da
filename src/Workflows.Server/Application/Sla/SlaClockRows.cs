// Reads and writes the engine's SlaClock into an SlaClocks row, keeping the derived query columns in sync.
using System.Text.Json;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>The bridge between <see cref="SlaClock"/> (pure arithmetic) and <see cref="SlaClockEntity"/> (queries).</summary>
public static class SlaClockRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The clock stored in a row.</summary>
    public static SlaClock Read(SlaClockEntity row) =>
        JsonSerializer.Deserialize<SlaClock>(row.ClockJson, Json)
        ?? throw new InvalidOperationException($"Clock {row.Id} has no state.");

    /// <summary>
    /// Stores <paramref name="clock"/> and recomputes the derived columns at <paramref name="now"/>. The stored level
    /// never rises here (only the timer handler raises it, so the notice that goes with a transition is never skipped);
    /// it falls when a resume moved the due date, and a stopped clock keeps its final level.
    /// </summary>
    public static SlaStatus Write(
        SlaClockEntity row,
        SlaClock clock,
        WorkingCalendar calendar,
        DateTimeOffset now
    )
    {
        row.ClockJson = JsonSerializer.Serialize(clock, Json);
        var status = clock.Evaluate(calendar, now);
        row.DueAt = status.Due.Due.ToUniversalTime();
        row.WarningAt = status.WarningAt.ToUniversalTime();
        row.Provisional = status.Provisional;
        row.WorkingDaysUsed = status.WorkingDaysUsed;
        row.Status =
            clock.IsStopped ? SlaClockStatuses.Stopped
            : clock.IsPaused ? SlaClockStatuses.Paused
            : SlaClockStatuses.Running;
        if (clock.IsStopped)
        {
            row.StoppedAt = clock.StoppedAt!.Value.ToUniversalTime();
            row.FinishedLate = status.FinishedLate;
            row.Level = SlaLevelNames.Of(status.Level);
        }
        else if (status.Level < SlaLevelNames.Parse(row.Level))
            row.Level = SlaLevelNames.Of(status.Level);
        if (row.StatutoryLimit is { } statutory && SlaLimit.TryParse(statutory, out _))
            row.StatutoryDueAt = (clock with { Limit = statutory })
                .Due(calendar, now)
                .Due.ToUniversalTime();
        row.Version++;
        return status;
    }
}
