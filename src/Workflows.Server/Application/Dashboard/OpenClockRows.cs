using Workflows.Data.Entities;

namespace Workflows.Server.Application.Dashboard;

/// <summary>One page of open clocks, soonest due first, with the tasks and cases they belong to.</summary>
public sealed record OpenClockRows(
    IReadOnlyList<SlaClockEntity> Rows,
    int Total,
    IReadOnlyDictionary<string, TaskEntity> Tasks,
    IReadOnlyDictionary<Guid, InstanceEntity> Instances
);
