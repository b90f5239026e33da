// Recomputes open clocks when the calendar they were computed on changes: a provisional year becomes official (at start,
// or when an admin loads the year's notice), or an official year is corrected.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Evaluates open clocks on the current calendar: a moved due date updates the row, the task's due date and the
/// clock's timers, and is audited as <c>sla.recomputed</c> with the before/after <see cref="DueDateChange"/>.
/// </summary>
public sealed class SlaRecompute(
    IServiceScopeFactory scopes,
    WorkingCalendar calendar,
    TimeProvider time
)
{
    /// <summary>Recomputes every open clock flagged provisional (run on start: a new year's file may have landed).</summary>
    /// <returns>How many due dates changed.</returns>
    public Task<int> RecomputeProvisionalAsync(CancellationToken ct = default) =>
        RecomputeAsync(clocks => clocks.Where(c => c.Provisional), null, ct);

    /// <summary>
    /// Recomputes the open clocks that may depend on <paramref name="year"/> after its data was loaded or replaced:
    /// provisional ones, paused ones (their due date runs on), and running ones whose span touches the year.
    /// </summary>
    /// <returns>How many due dates changed.</returns>
    public Task<int> RecomputeYearAsync(int year, CancellationToken ct = default)
    {
        // A day of margin each side covers the office time zone; a clock that did not touch the year does not move.
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-1);
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        return RecomputeAsync(
            clocks =>
                clocks.Where(c =>
                    c.Provisional
                    || c.Status == SlaClockStatuses.Paused
                    || (c.StartedAt < to && (c.DueAt == null || c.DueAt >= from))
                ),
            year,
            ct
        );
    }

    private async Task<int> RecomputeAsync(
        Func<IQueryable<SlaClockEntity>, IQueryable<SlaClockEntity>> select,
        int? year,
        CancellationToken ct
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var timers = scope.ServiceProvider.GetRequiredService<SlaTimers>();
        var now = time.GetUtcNow();
        var clocks = await select(db.SlaClocks.Where(c => c.Status != SlaClockStatuses.Stopped))
            .ToListAsync(ct);
        var changed = 0;
        foreach (var row in clocks)
        {
            var clock = SlaClockRows.Read(row);
            var before = new DueDate(calendar.ToOffice(row.DueAt ?? now), row.Provisional);
            var after = clock.Due(calendar, now);
            var change = new DueDateChange(before, after);
            if (!change.AnyChange)
                continue;
            SlaClockRows.Write(row, clock, calendar, now);
            if (!change.Changed)
                continue;
            changed++;
            await timers.CancelAsync(db, row, ct);
            await timers.ScheduleAsync(db, row, now, ct);
            if (
                row.TaskId is { } taskId
                && await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) is { } task
            )
            {
                task.DueAt = row.DueAt;
                task.SlaLevel = row.Level;
            }
            SlaAudit.Add(
                db,
                row,
                "sla.recomputed",
                now,
                new
                {
                    before = change.Before,
                    after = change.After,
                    calendarYear = year,
                }
            );
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
