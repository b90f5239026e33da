// Fires SLA timer rows: level transitions (yellow, red) with their notices, escalation and supervision, and reminders.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Engine.Model;
using Workflows.Server.Application.Notifications;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Executes <c>sla.yellow</c>, <c>sla.red</c> and <c>sla.remind</c> rows. Idempotent: a clock that stopped or paused,
/// a level already reached, or a due date that moved away makes the row do nothing; notices carry dedup keys of clock,
/// pause count, level and repetition, and the supervision record is unique per clock.
/// </summary>
public sealed class SlaTimerHandler(
    IServiceScopeFactory scopes,
    WorkingCalendar calendar,
    TimeProvider time
) : ITimerHandler
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Kinds => SlaTimerKinds.All;

    // Saves that meet a concurrent change of the clock or its task (a claim, a reassignment, a completion at that instant)
    // are read and decided again at once, so such a race neither delays the notice by a timer retry nor counts as a failure.
    private const int ConflictRetries = 3;

    /// <inheritdoc />
    public async Task<bool> FireAsync(TimerEntity timer, CancellationToken ct)
    {
        if (!Guid.TryParse(timer.Payload, out var clockId))
            return false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await FireOnceAsync(timer, clockId, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // A fresh unit of work reads the clock and task as they are now (a stopped clock then does nothing).
            }
        }
    }

    private async Task<bool> FireOnceAsync(TimerEntity timer, Guid clockId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<WorkflowsDbContext>();
        var clock = await db.SlaClocks.FirstOrDefaultAsync(c => c.Id == clockId, ct);
        if (clock is null || clock.Status != SlaClockStatuses.Running)
            return false;
        var now = time.GetUtcNow();
        var fired =
            timer.Kind == SlaTimerKinds.Remind
                ? await RemindAsync(db, sp, clock, timer, now, ct)
                : await TransitionAsync(
                    db,
                    sp,
                    clock,
                    timer.Kind == SlaTimerKinds.Red ? SlaLevel.Red : SlaLevel.Yellow,
                    now,
                    ct
                );
        if (fired)
            await db.SaveChangesAsync(ct);
        return fired;
    }

    private async Task<bool> TransitionAsync(
        WorkflowsDbContext db,
        IServiceProvider sp,
        SlaClockEntity clock,
        SlaLevel target,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (SlaLevelNames.Parse(clock.Level) >= target)
            return false;
        var status = SlaClockRows.Read(clock).Evaluate(calendar, now);
        if (status.Level < target)
        {
            // Early (a job run before its instant) or the due date moved: make sure a row waits for the right instant.
            await sp.GetRequiredService<SlaTimers>()
                .EnsureTransitionAsync(db, clock, target, now, ct);
            await db.SaveChangesAsync(ct);
            return false;
        }
        clock.Level = SlaLevelNames.Of(target);
        clock.WorkingDaysUsed = status.WorkingDaysUsed;
        clock.Version++;
        var task = clock.TaskId is { } taskId
            ? await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct)
            : null;
        if (task is not null)
            task.SlaLevel = clock.Level;
        var instance = await db
            .Instances.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == clock.InstanceId, ct);
        var pauses = SlaTimers.PauseCount(clock);
        var responsible = await SlaRecipients.ResponsibleAsync(db, clock, ct);
        var notifier = sp.GetRequiredService<INotifier>();
        var kind = target == SlaLevel.Red ? SlaTimerKinds.Red : SlaTimerKinds.Yellow;
        var (subject, body) = SlaMessages.For(kind, clock, task, instance, calendar);
        await notifier.NotifyAsync(
            db,
            new NotificationMessage(
                responsible,
                kind,
                subject,
                body,
                $"sla:{clock.Id:N}:{pauses}:{clock.Level}:0",
                clock.InstanceId,
                clock.TaskId
            ),
            ct
        );
        var chiefs = new List<string>();
        if (target == SlaLevel.Red)
        {
            chiefs = await SlaRecipients.ChiefsAsync(
                db,
                await SlaRecipients.BureausAsync(db, clock, ct),
                ct
            );
            var (esSubject, esBody) = SlaMessages.For(
                "sla.escalation",
                clock,
                task,
                instance,
                calendar
            );
            await notifier.NotifyAsync(
                db,
                new NotificationMessage(
                    chiefs,
                    "sla.escalation",
                    esSubject,
                    esBody,
                    $"sla:{clock.Id:N}:{pauses}:escalation",
                    clock.InstanceId,
                    clock.TaskId
                ),
                ct
            );
            if (!await db.SupervisionRecords.AnyAsync(s => s.ClockId == clock.Id, ct))
                db.SupervisionRecords.Add(
                    new SupervisionRecordEntity
                    {
                        Id = Guid.CreateVersion7(),
                        ClockId = clock.Id,
                        InstanceId = clock.InstanceId,
                        TaskId = clock.TaskId,
                        DefinitionKey = clock.DefinitionKey,
                        ElementId = clock.ElementId,
                        Bureau =
                            clock.Bureau
                            ?? (await SlaRecipients.BureausAsync(db, clock, ct)).FirstOrDefault(),
                        Responsible = task?.Assignee,
                        DueAt = clock.DueAt ?? now,
                        BreachedAt = now.ToUniversalTime(),
                        Status = "open",
                    }
                );
            if (task is not null && clock.Kind == SlaTracker.TaskKind)
                await EscalateAsync(db, sp, clock, task, instance, pauses, now, ct);
        }
        SlaAudit.Add(
            db,
            clock,
            $"sla.{clock.Level}",
            now,
            new
            {
                level = clock.Level,
                dueAt = clock.DueAt,
                warningAt = clock.WarningAt,
                notified = responsible,
                escalatedTo = chiefs,
            }
        );
        await sp.GetRequiredService<SlaTimers>()
            .ScheduleReminderAsync(db, clock, pauses, target, 1, now, ct);
        return true;
    }

    // The model-defined path (wf:escalation): hand the task over in this same unit of work, audit it with before/after,
    // and tell the new holder. A second red (e.g. after a pause) finds it already handed over and changes nothing.
    private async Task EscalateAsync(
        WorkflowsDbContext db,
        IServiceProvider sp,
        SlaClockEntity clock,
        TaskEntity task,
        InstanceEntity? instance,
        int pauses,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        var path = SlaEscalationPath.Of(task);
        if (path.Mode == SlaEscalationMode.Notify)
            return;
        var handover = await SlaEscalationPath.ApplyAsync(
            db,
            sp.GetRequiredService<TaskService>(),
            path,
            clock,
            task,
            ct
        );
        if (handover is null)
            return;
        var recipients = handover.AssigneeAfter is { } assignee
            ? [assignee]
            : await SlaRecipients.GroupMembersAsync(db, handover.GroupsAfter, ct);
        var (subject, body) = SlaMessages.For("sla.reassigned", clock, task, instance, calendar);
        await sp.GetRequiredService<INotifier>()
            .NotifyAsync(
                db,
                new NotificationMessage(
                    recipients,
                    "sla.reassigned",
                    subject,
                    body,
                    $"sla:{clock.Id:N}:{pauses}:reassigned",
                    clock.InstanceId,
                    clock.TaskId
                ),
                ct
            );
        SlaAudit.Add(
            db,
            clock,
            "sla.escalated",
            now,
            new
            {
                escalation = path.ToString(),
                before = new
                {
                    assignee = handover.AssigneeBefore,
                    candidateGroups = handover.GroupsBefore,
                },
                after = new
                {
                    assignee = handover.AssigneeAfter,
                    candidateGroups = handover.GroupsAfter,
                },
                notified = recipients,
            }
        );
    }

    private async Task<bool> RemindAsync(
        WorkflowsDbContext db,
        IServiceProvider sp,
        SlaClockEntity clock,
        TimerEntity timer,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        if (!SlaTimers.TryParseReminderId(timer.Id, out var pauses, out var level, out var n))
            return false;
        // A reminder of another level or of an earlier run of the clock (before a pause) is stale.
        if (SlaLevelNames.Parse(clock.Level) != level || SlaTimers.PauseCount(clock) != pauses)
            return false;
        var task = clock.TaskId is { } taskId
            ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct)
            : null;
        var instance = await db
            .Instances.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == clock.InstanceId, ct);
        var responsible = await SlaRecipients.ResponsibleAsync(db, clock, ct);
        var (subject, body) = SlaMessages.For(
            SlaTimerKinds.Remind,
            clock,
            task,
            instance,
            calendar,
            n
        );
        await sp.GetRequiredService<INotifier>()
            .NotifyAsync(
                db,
                new NotificationMessage(
                    responsible,
                    SlaTimerKinds.Remind,
                    subject,
                    body,
                    $"sla:{clock.Id:N}:{pauses}:{clock.Level}:{n}",
                    clock.InstanceId,
                    clock.TaskId
                ),
                ct
            );
        SlaAudit.Add(
            db,
            clock,
            "sla.reminded",
            now,
            new
            {
                level = clock.Level,
                n,
                notified = responsible,
            }
        );
        await sp.GetRequiredService<SlaTimers>()
            .ScheduleReminderAsync(db, clock, pauses, level, n + 1, now, ct);
        return true;
    }
}
