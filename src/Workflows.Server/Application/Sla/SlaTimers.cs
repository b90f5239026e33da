// Puts a clock's level transitions and reminders in the timer table and schedules them with Hangfire after commit.
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Timer rows of SLA clocks (<see cref="SlaTimerKinds"/>; payload = clock id). A running clock has a yellow row at its
/// warning moment and a red row at its due moment (those not yet reached); pausing or stopping cancels them, resuming
/// schedules new ones at the moved instants. Nothing here saves.
/// </summary>
public sealed class SlaTimers(
    CommitHooks hooks,
    WorkingCalendar calendar,
    IOptionsMonitor<SlaOptions> options
)
{
    /// <summary>How long after the due moment the red row is due.</summary>
    public static readonly TimeSpan RedDelay = TimeSpan.FromSeconds(1);

    /// <summary>Adds the transition rows a running clock still needs (and the next reminder when it is already yellow or red).</summary>
    public async Task ScheduleAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        DateTimeOffset now,
        CancellationToken ct = default
    )
    {
        if (clock.Status != SlaClockStatuses.Running || clock.DueAt is not { } due)
            return;
        var level = SlaLevelNames.Parse(clock.Level);
        if (level < SlaLevel.Yellow && clock.WarningAt is { } warning)
            Add(
                db,
                clock,
                SlaTimerKinds.Yellow,
                $"{SlaTimerKinds.Yellow}-{clock.Id:N}-{Guid.CreateVersion7():N}",
                warning,
                now
            );
        // Red is strictly after the due moment (the due moment itself is on time).
        if (level < SlaLevel.Red)
            Add(
                db,
                clock,
                SlaTimerKinds.Red,
                $"{SlaTimerKinds.Red}-{clock.Id:N}-{Guid.CreateVersion7():N}",
                due + RedDelay,
                now
            );
        if (level >= SlaLevel.Yellow)
            await ScheduleReminderAsync(db, clock, PauseCount(clock), level, 1, now, ct);
    }

    /// <summary>Adds a row for the transition to <paramref name="level"/> at its instant, unless one is pending.</summary>
    public async Task EnsureTransitionAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        SlaLevel level,
        DateTimeOffset now,
        CancellationToken ct = default
    )
    {
        var kind = level == SlaLevel.Red ? SlaTimerKinds.Red : SlaTimerKinds.Yellow;
        var payload = clock.Id.ToString();
        if (
            clock.Status != SlaClockStatuses.Running
            || clock.DueAt is not { } due
            || clock.WarningAt is not { } warning
            || await db.Timers.AnyAsync(
                t => t.Payload == payload && t.Kind == kind && t.Status == TimerStatuses.Pending,
                ct
            )
        )
            return;
        Add(
            db,
            clock,
            kind,
            $"{kind}-{clock.Id:N}-{Guid.CreateVersion7():N}",
            level == SlaLevel.Red ? due + RedDelay : warning,
            now
        );
    }

    /// <summary>Adds the <paramref name="n"/>-th reminder of a level (one interval after <paramref name="now"/>), unless it exists or reminders are off.</summary>
    public async Task ScheduleReminderAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        int pauses,
        SlaLevel level,
        int n,
        DateTimeOffset now,
        CancellationToken ct = default
    )
    {
        var interval = options.CurrentValue.ReminderInterval;
        if (
            string.IsNullOrWhiteSpace(interval)
            || !SlaLimit.TryParse(interval, out var limit)
            || (limit.WorkingDays is { } days && days.Value == 0)
        )
            return;
        var id = ReminderId(clock.Id, pauses, level, n);
        if (db.Timers.Local.Any(t => t.Id == id) || await db.Timers.AnyAsync(t => t.Id == id, ct))
            return;
        Add(db, clock, SlaTimerKinds.Remind, id, calendar.Add(now, limit).Due, now);
    }

    /// <summary>Cancels every pending SLA row of a clock (paused, stopped, or due date moved).</summary>
    public async Task CancelAsync(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        CancellationToken ct = default
    )
    {
        var payload = clock.Id.ToString();
        await db
            .Timers.Where(t => t.Payload == payload && t.Status == TimerStatuses.Pending)
            .ToListAsync(ct);
        foreach (
            var timer in db.Timers.Local.Where(t =>
                t.Payload == payload
                && t.Status == TimerStatuses.Pending
                && SlaTimerKinds.All.Contains(t.Kind)
            )
        )
        {
            timer.Status = TimerStatuses.Cancelled;
            timer.Version++;
        }
    }

    /// <summary>The deterministic id of a reminder row: clock, pause count, level and repetition, so a repeat can never be added twice.</summary>
    public static string ReminderId(Guid clockId, int pauses, SlaLevel level, int n) =>
        $"{SlaTimerKinds.Remind}-{clockId:N}-{pauses}-{SlaLevelNames.Of(level)}-{n}";

    /// <summary>Reads (pauses, level, n) back from a reminder id; false for another shape.</summary>
    public static bool TryParseReminderId(string id, out int pauses, out SlaLevel level, out int n)
    {
        pauses = 0;
        n = 0;
        level = SlaLevel.Green;
        var parts = id.Split('-');
        if (parts.Length != 5)
            return false;
        level = SlaLevelNames.Parse(parts[3]);
        return int.TryParse(parts[2], out pauses)
            && int.TryParse(parts[4], out n)
            && level != SlaLevel.Green;
    }

    /// <summary>How many pauses the clock had: part of every dedup key, so a clock that went green again after a resume warns again.</summary>
    public static int PauseCount(SlaClockEntity clock) => SlaClockRows.Read(clock).Pauses.Count;

    private void Add(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        string kind,
        string id,
        DateTimeOffset dueAt,
        DateTimeOffset now
    )
    {
        var utc = dueAt.ToUniversalTime();
        db.Timers.Add(
            new TimerEntity
            {
                Id = id,
                InstanceId = clock.InstanceId,
                TaskId = clock.TaskId,
                ElementId = clock.ElementId,
                Kind = kind,
                Payload = clock.Id.ToString(),
                DueAt = utc,
                Status = TimerStatuses.Pending,
                CreatedAt = now,
                Version = 1,
            }
        );
        var row = new OutboxEntity
        {
            InstanceId = clock.InstanceId,
            Type = OutboxTypes.TimerSchedule,
            IdempotencyKey = $"{OutboxTypes.TimerSchedule}:{id}",
            PayloadJson = JsonSerializer.Serialize(
                new { timerId = id, dueAt = utc },
                StateSerializer.Options
            ),
            CreatedAt = now,
        };
        db.Outbox.Add(row);
        hooks.DispatchAfterCommit(db, row);
    }
}
