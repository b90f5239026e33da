using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// The SLA side of every command, called inside the command's unit of work so clocks, their timer rows and the case
/// state commit together: a task clock starts when a task with an SLA is created and stops when it ends; the case clock
/// follows <c>wf:caseClock</c> nodes; supplements pause and resume clocks. Nothing here saves.
/// </summary>
public interface ISlaTracker
{
    /// <summary>A user task was created (its row is already added to <paramref name="db"/>).</summary>
    Task OnTaskCreatedAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        TaskEntity task,
        SlaSpec? sla,
        DateTimeOffset now
    );

    /// <summary>A user task was completed, rejected or cancelled.</summary>
    Task OnTaskEndedAsync(WorkflowsDbContext db, TaskEntity task, DateTimeOffset now);

    /// <summary>A node started, paused, resumed or stopped the case clock.</summary>
    Task OnCaseClockAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        SlaSpec? caseSla,
        CaseClockChanged change,
        DateTimeOffset now
    );

    /// <summary>The instance completed or was terminated: every clock of it stops.</summary>
    Task OnInstanceEndedAsync(WorkflowsDbContext db, InstanceEntity instance, DateTimeOffset now);

    /// <summary>The case waits for the applicant (supplement): the case clock and the task's clock pause with the reason.</summary>
    Task PauseAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId,
        string reason,
        DateTimeOffset now
    );

    /// <summary>The applicant answered: paused clocks resume with the paused working time added back.</summary>
    Task ResumeAsync(WorkflowsDbContext db, Guid instanceId, string? taskId, DateTimeOffset now);
}

/// <summary>No SLA bookkeeping (the default until the SLA feature registers its tracker).</summary>
public sealed class NoSlaTracker : ISlaTracker
{
    /// <inheritdoc />
    public Task OnTaskCreatedAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        TaskEntity task,
        SlaSpec? sla,
        DateTimeOffset now
    ) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnTaskEndedAsync(WorkflowsDbContext db, TaskEntity task, DateTimeOffset now) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public Task OnCaseClockAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        SlaSpec? caseSla,
        CaseClockChanged change,
        DateTimeOffset now
    ) => Task.CompletedTask;

    /// <inheritdoc />
    public Task OnInstanceEndedAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        DateTimeOffset now
    ) => Task.CompletedTask;

    /// <inheritdoc />
    public Task PauseAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId,
        string reason,
        DateTimeOffset now
    ) => Task.CompletedTask;

    /// <inheritdoc />
    public Task ResumeAsync(
        WorkflowsDbContext db,
        Guid instanceId,
        string? taskId,
        DateTimeOffset now
    ) => Task.CompletedTask;
}
