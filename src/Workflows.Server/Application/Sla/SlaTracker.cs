// The SLA bookkeeping of every command: task and case clocks start, pause, resume and stop inside the unit of work.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Keeps SlaClocks rows (and their timer rows) in step with the case: a task clock per task with an SLA (bureau from
/// the task, responsible = assignee), one case clock driven by <c>wf:caseClock</c> nodes and supplements. The task's
/// due date and level shown to clerks always come from its clock. Nothing here saves.
/// </summary>
public sealed partial class SlaTracker(
    WorkingCalendar calendar,
    SlaTimers timers,
    ILogger<SlaTracker> logger
) : ISlaTracker
{
    /// <summary>The <c>Kind</c> of a task clock.</summary>
    public const string TaskKind = "task";

    /// <summary>The <c>Kind</c> of the case clock.</summary>
    public const string CaseKind = "case";

    /// <inheritdoc />
    public async Task OnTaskCreatedAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        TaskEntity task,
        SlaSpec? sla,
        DateTimeOffset now
    )
    {
        if (sla is null)
            return;
        if (sla.Clock == SlaClockKind.Case)
        {
            if ((await OpenClocksAsync(db, instance.Id, c => c.Kind == CaseKind)).Count == 0)
                await StartAsync(
                    db,
                    instance,
                    CaseKind,
                    null,
                    task.ElementId,
                    task.Bureau,
                    sla,
                    now
                );
            return;
        }
        var clock = await StartAsync(
            db,
            instance,
            TaskKind,
            task.Id,
            task.ElementId,
            task.Bureau,
            sla,
            now
        );
        if (clock is not null)
        {
            task.DueAt = clock.DueAt;
            task.SlaLevel = clock.Level;
        }
    }

    /// <inheritdoc />
    public async Task OnTaskEndedAsync(WorkflowsDbContext db, TaskEntity task, DateTimeOffset now)
    {
        foreach (var clock in await OpenClocksAsync(db, task.InstanceId, c => c.TaskId == task.Id))
        {
            await StopAsync(db, clock, now);
            task.SlaLevel = clock.Level;
        }
    }

    /// <inheritdoc />
    public async Task OnCaseClockAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        SlaSpec? caseSla,
        CaseClockChanged change,
        DateTimeOffset now
    )
    {
        var open = await OpenClocksAsync(db, instance.Id, c => c.Kind == CaseKind);
        switch (change.Action)
        {
            case CaseClockAction.Start when open.Count == 0 && caseSla is not null:
                await StartAsync(
                    db,
                    instance,
                    CaseKind,
                    null,
                    change.ElementId,
                    null,
                    caseSla,
                    now
                );
                break;
            case CaseClockAction.Pause:
                foreach (var clock in open.Where(c => c.Status == SlaClockStatuses.Running))
                    await PauseAsync(db, clock, change.Reason ?? change.ElementId, now);
                break;
            case CaseClockAction.Resume:
                foreach (var clock in open.Where(c => c.Status == SlaClockStatuses.Paused))
                    await ResumeAsync(db, clock, now);
                break;
            case CaseClockAction.Stop:
                foreach (var clock in open)
                    await StopAsync(db, clock, now);
                break;
        }
    }

    /// <inheritdoc />
    public async Task OnInstanceEndedAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        DateTimeOffset now
    )
    {
        foreach (var clock in await OpenClocksAsync(db, instance.Id, _ => true))
        {
            await StopAsync(db, clock, now);
            if (clock.TaskId is not null && await FindTaskAsync(db, clock.TaskId) is { } task)
                task.SlaLevel = clock.Level;
        }
    }

    /// <inheritdoc />
    public async Task PauseAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId,
        string reason,
        DateTimeOffset now
    )
    {
        foreach (var clock in await SupplementClocksAsync(db, instanceId, taskId))
            if (clock.Status == SlaClockStatuses.Running)
                await PauseAsync(db, clock, reason, now);
    }

    /// <inheritdoc />
    public async Task ResumeAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId,
        DateTimeOffset now
    )
    {
        foreach (var clock in await SupplementClocksAsync(db, instanceId, taskId))
            if (clock.Status == SlaClockStatuses.Paused)
                await ResumeAsync(db, clock, now);
    }

    private async Task<List<SlaClockEntity>> SupplementClocksAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId
    ) =>
        await OpenClocksAsync(
            db,
            instanceId,
            c => c.Kind == CaseKind || (taskId != null && c.TaskId == taskId)
        );

    private async Task<SlaClockEntity?> StartAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        string kind,
        string? taskId,
        string? elementId,
        string? bureau,
        SlaSpec sla,
        DateTimeOffset now
    )
    {
        SlaClock clock;
        try
        {
            clock = SlaClock.Start(now, sla.Limit, sla.Warning);
        }
        catch (FormatException ex)
        {
            LogBadLimit(logger, ex, instance.Id, elementId);
            return null;
        }
        var row = new SlaClockEntity
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            TaskId = taskId,
            Kind = kind,
            DefinitionKey = instance.DefinitionKey,
            ElementId = elementId,
            Bureau = bureau,
            Limit = clock.Limit,
            StatutoryLimit = sla.StatutoryLimit,
            Warning = clock.Warning,
            StartedAt = now.ToUniversalTime(),
            Level = SlaLevelNames.Of(SlaLevel.Green),
        };
        SlaClockRows.Write(row, clock, calendar, now);
        db.SlaClocks.Add(row);
        await timers.ScheduleAsync(db, row, now);
        SlaAudit.Add(
            db,
            row,
            "sla.started",
            now,
            new
            {
                kind,
                limit = row.Limit,
                statutoryLimit = row.StatutoryLimit,
                warning = row.Warning,
                dueAt = row.DueAt,
                warningAt = row.WarningAt,
                provisional = row.Provisional,
            }
        );
        return row;
    }

    private async Task PauseAsync(
        WorkflowsDbContext db,
        SlaClockEntity row,
        string reason,
        DateTimeOffset now
    )
    {
        var clock = SlaClockRows.Read(row);
        if (clock.IsPaused || clock.IsStopped)
            return;
        SlaClockRows.Write(row, clock.Pause(Clamp(clock, now), reason), calendar, now);
        await timers.CancelAsync(db, row);
        SlaAudit.Add(db, row, "sla.paused", now, new { reason, dueAt = row.DueAt });
    }

    private async Task ResumeAsync(WorkflowsDbContext db, SlaClockEntity row, DateTimeOffset now)
    {
        var clock = SlaClockRows.Read(row);
        if (!clock.IsPaused)
            return;
        var before = row.DueAt;
        var resumed = clock.Resume(
            now < clock.Pauses[^1].PausedAt ? clock.Pauses[^1].PausedAt : now
        );
        var status = SlaClockRows.Write(row, resumed, calendar, now);
        await timers.CancelAsync(db, row);
        await timers.ScheduleAsync(db, row, now);
        if (row.TaskId is not null && await FindTaskAsync(db, row.TaskId) is { } task)
        {
            task.DueAt = row.DueAt;
            task.SlaLevel = row.Level;
        }
        SlaAudit.Add(
            db,
            row,
            "sla.resumed",
            now,
            new
            {
                dueBefore = before,
                dueAt = row.DueAt,
                pausedWorkingDays = status.PausedWorkingDays,
                level = row.Level,
            }
        );
    }

    private async Task StopAsync(WorkflowsDbContext db, SlaClockEntity row, DateTimeOffset now)
    {
        var clock = SlaClockRows.Read(row);
        if (clock.IsStopped)
            return;
        SlaClockRows.Write(row, clock.Stop(Clamp(clock, now)), calendar, now);
        await timers.CancelAsync(db, row);
        SlaAudit.Add(
            db,
            row,
            "sla.stopped",
            now,
            new
            {
                dueAt = row.DueAt,
                finishedLate = row.FinishedLate,
                workingDaysUsed = row.WorkingDaysUsed,
                level = row.Level,
            }
        );
    }

    // A command's clock may not run backwards past the clock's last event (e.g. a test moving its fake time).
    private static DateTimeOffset Clamp(SlaClock clock, DateTimeOffset now)
    {
        var last =
            clock.Pauses.Count > 0
                ? clock.Pauses[^1].ResumedAt ?? clock.Pauses[^1].PausedAt
                : clock.StartedAt;
        return now < last ? last : now;
    }

    // The instance's open clocks that match `which`, including clocks added earlier in this unit of work: the instance's
    // open rows are loaded once (IX on InstanceId), then the context's local view is filtered — one predicate per caller,
    // no expression tree to compile on the hot path.
    private static async Task<List<SlaClockEntity>> OpenClocksAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        Func<SlaClockEntity, bool> which
    )
    {
        await db
            .SlaClocks.Where(c =>
                c.InstanceId == instanceId && c.Status != SlaClockStatuses.Stopped
            )
            .LoadAsync();
        return db
            .SlaClocks.Local.Where(c =>
                c.InstanceId == instanceId && c.Status != SlaClockStatuses.Stopped && which(c)
            )
            .ToList();
    }

    private static async Task<TaskEntity?> FindTaskAsync(WorkflowsDbContext db, string taskId) =>
        db.Tasks.Local.FirstOrDefault(t => t.Id == taskId)
        ?? await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Instance {InstanceId}: the SLA of {ElementId} cannot be parsed; no clock started"
    )]
    private static partial void LogBadLimit(
        ILogger logger,
        Exception ex,
        Guid instanceId,
        string? elementId
    );
}
