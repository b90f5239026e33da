// Audit events of the SLA feature (sla.*): the history of a clock shown by GET /api/instances/{id}/clocks.
using System.Text.Json;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Sla;

/// <summary>Writes <c>sla.*</c> audit events; each carries the clock id in its data.</summary>
public static class SlaAudit
{
    /// <summary>Adds an audit event for a clock.</summary>
    public static void Add(
        WorkflowsDbContext db,
        SlaClockEntity clock,
        string action,
        DateTimeOffset at,
        object data,
        string? actor = "system"
    )
    {
        var payload = JsonSerializer.SerializeToNode(data, StateSerializer.Options)!.AsObject();
        payload["clockId"] = clock.Id;
        payload["clockKind"] = clock.Kind;
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = at,
                Actor = actor,
                Action = action,
                InstanceId = clock.InstanceId,
                TaskId = clock.TaskId,
                ElementId = clock.ElementId,
                DataJson = payload.ToJsonString(),
            }
        );
    }
}
