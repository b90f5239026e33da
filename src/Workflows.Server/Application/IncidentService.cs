using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Runtime;
using Workflows.Server.Jobs;

namespace Workflows.Server.Application;

/// <summary>
/// Retries what stopped an instance: an engine incident (script error, failed expression) re-runs the node; a service
/// task whose handler kept failing is run again from its original outbox payload.
/// </summary>
public sealed class IncidentService(WorkflowsDbContext db, WorkflowRuntime runtime, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Retries every open incident of an instance.</summary>
    /// <returns>How many incidents were resolved.</returns>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<int> RetryAsync(Guid instanceId, string? actor, CancellationToken ct)
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct)
            ?? throw new NotFoundException($"Instance {instanceId} does not exist.");
        var open = await db.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ToListAsync(ct);
        if (open.Count == 0)
            return 0;
        var state = StateSerializer.Deserialize(instance.StateJson);
        if (state.Status == InstanceStatus.Incident)
            await runtime.ExecuteAsync(instanceId, new RetryIncident(), actor, "incident.retried", ct: ct);
        foreach (var bookmark in state.Bookmarks.Where(b => b.Kind == BookmarkKind.Service))
        {
            var key = $"{OutboxTypes.ServiceInvoke}:{bookmark.Id}";
            var payload = await db.Outbox.AsNoTracking().Where(o => o.IdempotencyKey == key).Select(o => o.PayloadJson).FirstOrDefaultAsync(ct);
            if (payload is not null)
                jobs.Enqueue<ServiceTaskJob>(j => j.RunAsync(payload, 0));
        }
        var now = time.GetUtcNow();
        foreach (var incident in open)
        {
            incident.ResolvedAt = now;
            incident.ResolvedBy = actor;
        }
        await db.SaveChangesAsync(ct);
        return open.Count;
    }
}
