using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Sla;

namespace Workflows.Server.Application;

/// <summary>
/// Turns an <see cref="ExecutionResult"/> into rows in the current unit of work: the new snapshot, task, timer and
/// subscription rows (state the queries read), outbox rows (work to do after commit) and an audit event. Nothing here
/// saves: the caller commits everything in one transaction. With <paramref name="tracksSla"/> false (the definition
/// declares no SLA, <see cref="ProcessDefinition.DeclaresSla"/>) no clock can exist, so ending tasks and instances skips
/// the clock lookups.
/// </summary>
public sealed class EffectApplier(
    WorkflowsDbContext db,
    DateTimeOffset now,
    ISlaTracker sla,
    SlaSpec? caseSla = null,
    bool tracksSla = true
)
{
    private readonly List<OutboxEntity> _outbox = [];

    /// <summary>Outbox rows added by <see cref="Apply"/>; their ids are known after SaveChanges.</summary>
    public IReadOnlyList<OutboxEntity> OutboxIds => _outbox;

    /// <summary>Applies a result to the instance row and adds the rows its effects imply.</summary>
    public async Task ApplyAsync(
        InstanceEntity instance,
        DefinitionEntity definition,
        ExecutionResult result,
        string? actor,
        string action
    )
    {
        var state = result.State;
        instance.StateJson = StateSerializer.Serialize(state);
        instance.Status = state.Status.ToString();
        instance.Version = state.Version;
        instance.UpdatedAt = now;
        foreach (var effect in result.Effects)
            await ApplyEffectAsync(instance, definition, state, effect, actor);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = actor,
                Action = action,
                InstanceId = instance.Id,
                DataJson = JsonSerializer.Serialize(
                    new
                    {
                        status = instance.Status,
                        version = state.Version,
                        active = state.ActiveElementIds.ToArray(),
                        journal = result.Journal.Select(j => new { j.ElementId, j.Event }),
                    },
                    StateSerializer.Options
                ),
            }
        );
    }

    private async Task ApplyEffectAsync(
        InstanceEntity instance,
        DefinitionEntity definition,
        InstanceState state,
        Effect effect,
        string? actor
    )
    {
        switch (effect)
        {
            case TaskCreated t:
                var created = new TaskEntity
                {
                    Id = t.TaskId,
                    InstanceId = instance.Id,
                    ElementId = t.ElementId,
                    Name = t.Name.Zh,
                    NameEn = t.Name.En,
                    DefinitionKey = definition.Key,
                    BusinessKey = instance.BusinessKey,
                    Status = TaskStatuses.Open,
                    Assignee = t.Assignee,
                    Priority = t.Priority,
                    FormKey = t.FormKey,
                    DueAt = t.DueAt?.ToUniversalTime(),
                    FollowUpAt = t.FollowUpAt?.ToUniversalTime(),
                    CreatedAt = now,
                    CandidateGroups = string.Join(",", t.CandidateGroups),
                    LocalVariablesJson = t.LocalVariables?.ToJsonString(),
                    SlaJson = t.Sla is null
                        ? null
                        : JsonSerializer.Serialize(t.Sla, StateSerializer.Options),
                    Version = 1,
                    ApplicantName = instance.ApplicantName,
                    Bureau = BureauOf(t.CandidateGroups),
                };
                db.Tasks.Add(created);
                foreach (var g in t.CandidateGroups)
                    db.TaskCandidates.Add(
                        new TaskCandidateEntity
                        {
                            TaskId = t.TaskId,
                            Kind = "group",
                            Value = g,
                        }
                    );
                foreach (var u in t.CandidateUsers)
                    db.TaskCandidates.Add(
                        new TaskCandidateEntity
                        {
                            TaskId = t.TaskId,
                            Kind = "user",
                            Value = u,
                        }
                    );
                await sla.OnTaskCreatedAsync(db, instance, created, t.Sla, now);
                Audit(
                    "task.created",
                    instance.Id,
                    t.TaskId,
                    t.ElementId,
                    actor,
                    new
                    {
                        t.CandidateGroups,
                        t.Assignee,
                        t.DueAt,
                    }
                );
                break;
            case TaskCancelled c:
                var task =
                    db.Tasks.Local.FirstOrDefault(x => x.Id == c.TaskId)
                    ?? await db.Tasks.FindAsync(c.TaskId);
                if (task is not null && task.Status == TaskStatuses.Open)
                {
                    task.Status = TaskStatuses.Cancelled;
                    task.CompletedAt = now;
                    task.Version++;
                    if (tracksSla)
                        await sla.OnTaskEndedAsync(db, task, now);
                }
                Audit(
                    "task.cancelled",
                    instance.Id,
                    c.TaskId,
                    task?.ElementId,
                    actor,
                    new { c.Reason }
                );
                break;
            case TimerScheduled ts:
                db.Timers.Add(
                    new TimerEntity
                    {
                        Id = ts.TimerId,
                        InstanceId = instance.Id,
                        ElementId = ts.ElementId,
                        Kind = TimerKinds.Bpmn,
                        DueAt = ts.DueAt.ToUniversalTime(),
                        Status = TimerStatuses.Pending,
                        CreatedAt = now,
                        Version = 1,
                    }
                );
                Outbox(
                    instance.Id,
                    OutboxTypes.TimerSchedule,
                    ts.TimerId,
                    new { timerId = ts.TimerId, dueAt = ts.DueAt }
                );
                break;
            case TimerCancelled tc:
                var timer =
                    db.Timers.Local.FirstOrDefault(x => x.Id == tc.TimerId)
                    ?? await db.Timers.FindAsync(tc.TimerId);
                if (
                    timer is not null
                    && timer.Status is TimerStatuses.Pending or TimerStatuses.Failed
                ) // a failed one too: its wait state is gone
                {
                    timer.Status = TimerStatuses.Cancelled;
                    timer.Version++;
                }
                break;
            case MessageSubscriptionOpened mo:
                db.MessageSubscriptions.Add(
                    new MessageSubscriptionEntity
                    {
                        Id = mo.SubscriptionId,
                        InstanceId = instance.Id,
                        ElementId = mo.ElementId,
                        MessageName = mo.MessageName,
                        CorrelationKey = mo.CorrelationKey,
                        CreatedAt = now,
                    }
                );
                break;
            case MessageSubscriptionClosed mc:
                var sub =
                    db.MessageSubscriptions.Local.FirstOrDefault(x => x.Id == mc.SubscriptionId)
                    ?? await db.MessageSubscriptions.FindAsync(mc.SubscriptionId);
                if (sub is not null)
                    db.MessageSubscriptions.Remove(sub);
                break;
            case ServiceInvocationRequested si:
                Outbox(
                    instance.Id,
                    OutboxTypes.ServiceInvoke,
                    si.InvocationId,
                    new
                    {
                        instanceId = instance.Id,
                        invocationId = si.InvocationId,
                        handler = si.Handler,
                        elementId = si.ElementId,
                        businessKey = instance.BusinessKey,
                        input = si.Input,
                    }
                );
                break;
            case ChildInstanceRequested cr:
                Outbox(
                    instance.Id,
                    OutboxTypes.ChildStart,
                    cr.ChildBookmarkId,
                    new
                    {
                        parentInstanceId = instance.Id,
                        bookmarkId = cr.ChildBookmarkId,
                        childInstanceId = cr.ChildInstanceId,
                        definitionKey = cr.DefinitionKey,
                        version = cr.Version,
                        businessKey = instance.BusinessKey,
                        variables = cr.Variables,
                    }
                );
                break;
            case ChildInstanceCancelled cc:
                Outbox(
                    instance.Id,
                    OutboxTypes.ChildCancel,
                    cc.ChildBookmarkId,
                    new { childInstanceId = cc.ChildInstanceId }
                );
                break;
            case IncidentRaised ir:
                db.Incidents.Add(
                    new IncidentEntity
                    {
                        Id = Guid.CreateVersion7(),
                        InstanceId = instance.Id,
                        ElementId = ir.ElementId,
                        Message = ir.Message,
                        CreatedAt = now,
                    }
                );
                Audit(
                    "incident.raised",
                    instance.Id,
                    null,
                    ir.ElementId,
                    actor,
                    new { ir.Message }
                );
                break;
            case CaseClockChanged cl:
                await sla.OnCaseClockAsync(db, instance, caseSla, cl, now);
                Audit(
                    $"clock.{cl.Action.ToString().ToLowerInvariant()}",
                    instance.Id,
                    null,
                    cl.ElementId,
                    actor,
                    new { cl.Reason }
                );
                break;
            case InstanceCompleted done:
                instance.EndedAt = now;
                if (tracksSla)
                    await sla.OnInstanceEndedAsync(db, instance, now);
                if (state.ParentInstanceId is { } parent)
                    Outbox(
                        instance.Id,
                        OutboxTypes.ParentNotify,
                        $"{instance.Id:N}:done",
                        new
                        {
                            parentInstanceId = parent,
                            bookmarkId = state.ParentBookmarkId,
                            variables = done.Variables,
                            errorCode = (string?)null,
                        }
                    );
                break;
            case InstanceTerminated term:
                instance.EndedAt = now;
                if (tracksSla)
                    await sla.OnInstanceEndedAsync(db, instance, now);
                if (state.ParentInstanceId is { } p && term.ErrorCode is not null)
                    Outbox(
                        instance.Id,
                        OutboxTypes.ParentNotify,
                        $"{instance.Id:N}:done",
                        new
                        {
                            parentInstanceId = p,
                            bookmarkId = state.ParentBookmarkId,
                            variables = new JsonObject(),
                            errorCode = term.ErrorCode,
                        }
                    );
                Audit(
                    "instance.terminated",
                    instance.Id,
                    null,
                    null,
                    actor,
                    new { term.Reason, term.ErrorCode }
                );
                break;
        }
    }

    /// <summary>The bureau code of the first <c>bureau:CODE/role</c> candidate group, or null.</summary>
    public static string? BureauOf(IEnumerable<string> candidateGroups)
    {
        foreach (var g in candidateGroups)
            if (
                g.StartsWith("bureau:", StringComparison.Ordinal)
                && g.IndexOf('/') is var slash and > 7
            )
                return g[7..slash];
        return null;
    }

    private void Outbox(Guid instanceId, string type, string key, object payload)
    {
        var row = new OutboxEntity
        {
            InstanceId = instanceId,
            Type = type,
            IdempotencyKey = $"{type}:{key}",
            PayloadJson = JsonSerializer.Serialize(payload, StateSerializer.Options),
            CreatedAt = now,
        };
        db.Outbox.Add(row);
        _outbox.Add(row);
    }

    private void Audit(
        string action,
        Guid instanceId,
        string? taskId,
        string? elementId,
        string? actor,
        object data
    ) =>
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = actor,
                Action = action,
                InstanceId = instanceId,
                TaskId = taskId,
                ElementId = elementId,
                DataJson = JsonSerializer.Serialize(data, StateSerializer.Options),
            }
        );
}

/// <summary>Timer kinds.</summary>
public static class TimerKinds
{
    /// <summary>A BPMN timer event.</summary>
    public const string Bpmn = "bpmn";
}

/// <summary>Outbox row types.</summary>
public static class OutboxTypes
{
    /// <summary>Schedule a Hangfire job for a timer row.</summary>
    public const string TimerSchedule = "timer.schedule";

    /// <summary>Run a service task handler.</summary>
    public const string ServiceInvoke = "service.invoke";

    /// <summary>Start a child instance.</summary>
    public const string ChildStart = "child.start";

    /// <summary>Cancel a child instance.</summary>
    public const string ChildCancel = "child.cancel";

    /// <summary>Tell a parent instance its child ended.</summary>
    public const string ParentNotify = "parent.notify";
}
