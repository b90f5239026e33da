// Recomputes open clocks computed on a provisional calendar year once the year's official file is loaded.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// On start, every open clock flagged provisional is evaluated on the current calendar (a new year's file may have
/// landed): a moved due date updates the row, the task's due date and the clock's timers, and is audited as
/// <c>sla.recomputed</c> with the before/after <see cref="DueDateChange"/>.
/// </summary>
public sealed class SlaRecompute(IServiceScopeFactory scopes, WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>Recomputes every open provisional clock.</summary>
    /// <returns>How many due dates changed.</returns>
    public async Task<int> RecomputeProvisionalAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var timers = scope.ServiceProvider.GetRequiredService<SlaTimers>();
        var now = time.GetUtcNow();
        var clocks = await db.SlaClocks.Where(c => c.Provisional && c.Status != SlaClockStatuses.Stopped).ToListAsync(ct);
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
            if (row.TaskId is { } taskId && await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) is { } task)
            {
                task.DueAt = row.DueAt;
                task.SlaLevel = row.Level;
            }
            SlaAudit.Add(db, row, "sla.recomputed", now, new { before = change.Before, after = change.After });
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
