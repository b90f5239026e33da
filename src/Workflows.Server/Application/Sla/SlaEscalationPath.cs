// The model-defined escalation path (wf:escalation) applied when a task's clock turns red.
using System.Text.Json;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Server.Application.Tasks;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Reads a task's <c>wf:escalation</c> (kept in the task's SLA snapshot) and applies it through <see cref="TaskService"/>:
/// assign to the bureau's section chief (the first by user name) or a named user, or offer to another group. Changes
/// are tracked and commit with the red transition; applying twice changes nothing the second time.
/// </summary>
public static class SlaEscalationPath
{
    /// <summary>The escalation path of <paramref name="task"/>; notify when the task has none (or an older snapshot).</summary>
    public static SlaEscalation Of(TaskEntity task)
    {
        if (task.SlaJson is null)
            return SlaEscalation.Notify;
        try
        {
            return JsonSerializer
                    .Deserialize<SlaSpec>(task.SlaJson, StateSerializer.Options)
                    ?.Escalation
                ?? SlaEscalation.Notify;
        }
        catch (JsonException)
        {
            return SlaEscalation.Notify;
        }
    }

    /// <summary>Applies <paramref name="path"/> to the tracked open <paramref name="task"/>; null when nothing changed (or nobody to hand it to).</summary>
    public static async Task<TaskHandover?> ApplyAsync(
        WorkflowsDbContext db,
        TaskService tasks,
        SlaEscalation path,
        SlaClockEntity clock,
        TaskEntity task,
        CancellationToken ct
    )
    {
        switch (path.Mode)
        {
            case SlaEscalationMode.AssignChief:
                var bureau = clock.Bureau ?? task.Bureau;
                var chief = bureau is null
                    ? null
                    : (await SlaRecipients.ChiefsAsync(db, [bureau], ct)).FirstOrDefault();
                return chief is null
                    ? null
                    : await tasks.HandOverToUserAsync(task, chief, "system", ct);
            case SlaEscalationMode.AssignUser when path.Target is { } user:
                return await tasks.HandOverToUserAsync(task, user, "system", ct);
            case SlaEscalationMode.Group when path.Target is { } group:
                return await tasks.OfferToGroupAsync(task, group, "system", ct);
            default:
                return null;
        }
    }
}
