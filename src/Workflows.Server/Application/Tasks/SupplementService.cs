// Return for supplement (补正 / 一次性告知) and the applicant's answer: the task waits, the clocks pause, people are told.
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Notifications;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// A clerk returns a case for supplement naming every missing item at once; items come from the procedure's materials
/// checklist when it has one (unknown keys are a 400). The notice, the task's suspension, the paused clocks, the
/// applicant's notification and the audit event commit together, guarded by the task's Version (one winner, 409 for
/// the rest). A second notice on the same step is recorded as a repeat (a service failure worth counting). The
/// applicant's answer (files and/or variables) resumes everything the same way.
/// </summary>
public sealed class SupplementService(
    WorkflowsDbContext db,
    TaskService tasks,
    DeploymentService deployment,
    MaterialsCatalog materials,
    AttachmentService attachments,
    ISlaTracker sla,
    INotifier notifier,
    TimeProvider time
)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Issues a supplement notice on a task.</summary>
    public async Task<SupplementNoticeEntity> ReturnForSupplementAsync(
        string taskId,
        JsonArray? items,
        string? note,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var visible = await tasks.ActionableAsync(taskId, user, ct);
        if (visible.Assignee is not null && visible.Assignee != user.UserName)
            throw new ConflictException(
                $"Task {taskId} is claimed by {visible.Assignee}.",
                visible.Status
            );
        if (visible.SuspendedAt is not null)
            throw new ConflictException(
                $"Task {taskId} is already waiting for a supplement.",
                "Suspended"
            );
        var instance = await db.Instances.FirstAsync(i => i.Id == visible.InstanceId, ct);
        var definition = await db
            .Definitions.AsNoTracking()
            .FirstAsync(d => d.Id == instance.DefinitionId, ct);
        var checklist = deployment
            .Load(definition)
            .Properties.TryGetValue("materials", out var listKey)
            ? materials.Items(listKey)
            : null;
        var parsed = ParseItems(items, checklist);

        var task = await db.Tasks.FirstAsync(t => t.Id == taskId, ct);
        if (
            task.Version != visible.Version
            || task.SuspendedAt is not null
            || task.Status != TaskStatuses.Open
        )
            throw await tasks.ConflictFor(taskId, ct);
        var now = time.GetUtcNow();
        var previous = await db.SupplementNotices.CountAsync(
            n => n.InstanceId == task.InstanceId && n.ElementId == task.ElementId,
            ct
        );
        var notice = new SupplementNoticeEntity
        {
            Id = Guid.CreateVersion7(),
            InstanceId = task.InstanceId,
            TaskId = taskId,
            ElementId = task.ElementId,
            ItemsJson = JsonSerializer.Serialize(parsed, Json),
            Note = note,
            Sequence = previous + 1,
            IsRepeat = previous > 0,
            IssuedBy = user.UserName,
            IssuedAt = now,
        };
        db.SupplementNotices.Add(notice);
        task.SuspendedAt = now;
        task.Version++;
        await sla.PauseAsync(db, task.InstanceId, taskId, "supplement", now);
        if (instance.StartedBy is { } applicant)
            await notifier.NotifyAsync(db, NoticeMessage(applicant, notice, parsed, task), ct);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = user.UserName,
                Action = notice.IsRepeat
                    ? "task.supplement-requested.repeat"
                    : "task.supplement-requested",
                InstanceId = task.InstanceId,
                TaskId = taskId,
                ElementId = task.ElementId,
                DataJson = JsonSerializer.Serialize(
                    new
                    {
                        noticeId = notice.Id,
                        notice.Sequence,
                        notice.IsRepeat,
                        items = parsed,
                        note,
                        before = new { suspendedAt = (DateTimeOffset?)null },
                        after = new { suspendedAt = now },
                    },
                    Json
                ),
            }
        );
        await SaveAsync(taskId, ct);
        return notice;
    }

    /// <summary>The applicant answers a notice with files (form field name = item key) and/or variables.</summary>
    public async Task<SupplementNoticeEntity> AnswerAsync(
        Guid instanceId,
        Guid noticeId,
        IFormFileCollection? files,
        JsonObject? variables,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var instance = await CaseAccess.ReadableAsync(db, user, instanceId, ct);
        var notice =
            await db.SupplementNotices.FirstOrDefaultAsync(
                n => n.Id == noticeId && n.InstanceId == instanceId,
                ct
            ) ?? throw new NotFoundException($"Supplement notice {noticeId} does not exist.");
        if (instance.StartedBy != user.UserName)
            throw new ForbiddenException("Only the applicant answers a supplement notice.");
        if (notice.AnsweredAt is not null)
            throw new ConflictException(
                $"Supplement notice {noticeId} was already answered.",
                "Answered"
            );
        if ((files is null || files.Count == 0) && (variables is null || variables.Count == 0))
            throw new Api.BadFieldException("files", "An answer carries files and/or variables.");
        var itemKeys = (
            JsonSerializer.Deserialize<List<SupplementItem>>(notice.ItemsJson, Json) ?? []
        )
            .Select(i => i.Key)
            .ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var stored = new List<Guid>();
        foreach (var file in files ?? (IEnumerable<IFormFile>)[])
            stored.Add(
                (
                    await attachments.StoreAsync(
                        instanceId,
                        notice.TaskId,
                        itemKeys.Contains(file.Name) ? file.Name : null,
                        file,
                        user.UserName,
                        ct
                    )
                ).Id
            );
        var task = await db.Tasks.FirstAsync(t => t.Id == notice.TaskId, ct);
        if (variables is { Count: > 0 })
        {
            var local = task.LocalVariablesJson is null
                ? []
                : JsonNode.Parse(task.LocalVariablesJson)?.AsObject() ?? [];
            foreach (var (k, v) in variables)
                local[k] = v?.DeepClone();
            task.LocalVariablesJson = local.ToJsonString();
        }
        notice.AnsweredAt = now;
        notice.AnsweredBy = user.UserName;
        if (task.Status == TaskStatuses.Open && task.SuspendedAt is not null)
        {
            task.SuspendedAt = null;
            task.Version++;
            await sla.ResumeAsync(db, instanceId, task.Id, now);
            var clerk = task.Assignee ?? notice.IssuedBy;
            await notifier.NotifyAsync(
                db,
                new NotificationMessage(
                    [clerk],
                    "supplement.answered",
                    "补正材料已提交 / Supplement received",
                    $"申请人已提交补正材料（案件 {instance.BusinessKey ?? instance.Id.ToString()}）。/ The applicant answered the supplement notice for case {instance.BusinessKey ?? instance.Id.ToString()}.",
                    $"supplement.answered:{notice.Id}",
                    instanceId,
                    task.Id
                ),
                ct
            );
        }
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = user.UserName,
                Action = "supplement.answered",
                InstanceId = instanceId,
                TaskId = task.Id,
                ElementId = task.ElementId,
                DataJson = JsonSerializer.Serialize(
                    new
                    {
                        noticeId,
                        attachments = stored,
                        variables = variables?.Select(v => v.Key).ToArray(),
                        before = new { answeredAt = (DateTimeOffset?)null },
                        after = new { answeredAt = now },
                    },
                    Json
                ),
            }
        );
        await SaveAsync(task.Id, ct);
        return notice;
    }

    /// <summary>The notices of a case, oldest first.</summary>
    public async Task<List<SupplementNoticeEntity>> ListAsync(
        Guid instanceId,
        CurrentUser user,
        CancellationToken ct
    )
    {
        await CaseAccess.ReadableAsync(db, user, instanceId, ct);
        return await db
            .SupplementNotices.AsNoTracking()
            .Where(n => n.InstanceId == instanceId)
            .OrderBy(n => n.IssuedAt)
            .ThenBy(n => n.Sequence)
            .ToListAsync(ct);
    }

    private static List<SupplementItem> ParseItems(
        JsonArray? items,
        IReadOnlyList<MaterialItem>? checklist
    )
    {
        if (items is null || items.Count == 0)
            throw new Api.BadFieldException(
                "items",
                "List every missing item at once (一次性告知): 'items' must not be empty."
            );
        var result = new List<SupplementItem>();
        for (var i = 0; i < items.Count; i++)
        {
            if (
                items[i] is not JsonObject item
                || item["key"] is not JsonValue kv
                || !kv.TryGetValue<string>(out var key)
                || key.Length == 0
            )
                throw new Api.BadFieldException($"items[{i}].key", $"items[{i}] needs a 'key'.");
            var name = item["name"] is JsonValue nv && nv.TryGetValue<string>(out var n) ? n : null;
            var note = item["note"] is JsonValue tv && tv.TryGetValue<string>(out var t) ? t : null;
            if (checklist is not null)
            {
                var known =
                    checklist.FirstOrDefault(m => m.Key == key)
                    ?? throw new Api.BadFieldException(
                        $"items[{i}].key",
                        $"'{key}' is not on the procedure's materials checklist ({string.Join(", ", checklist.Select(m => m.Key))})."
                    );
                result.Add(new SupplementItem(key, name ?? known.Name, known.NameEn, note));
            }
            else
            {
                result.Add(new SupplementItem(key, name ?? key, null, note));
            }
        }
        if (result.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count() != result.Count)
            throw new Api.BadFieldException("items", "Each missing item is listed once.");
        return result;
    }

    private static NotificationMessage NoticeMessage(
        string applicant,
        SupplementNoticeEntity notice,
        List<SupplementItem> items,
        TaskEntity task
    )
    {
        var lines = string.Join(
            "\n",
            items.Select(i =>
                $"- {i.Name}{(i.NameEn is null ? "" : " / " + i.NameEn)}{(i.Note is null ? "" : "：" + i.Note)}"
            )
        );
        return new NotificationMessage(
            [applicant],
            "supplement.notice",
            "补正通知 / Supplement notice",
            $"请一次性补齐以下材料 / Please provide all of the following:\n{lines}{(notice.Note is null ? "" : "\n" + notice.Note)}",
            $"supplement.notice:{notice.Id}",
            notice.InstanceId,
            task.Id
        );
    }

    private async Task SaveAsync(string taskId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw await tasks.ConflictFor(taskId, ct);
        }
    }
}
