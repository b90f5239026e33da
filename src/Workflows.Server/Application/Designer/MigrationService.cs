// Instance migration in the host: load the two versions and the running instances, check the mapping with the pure
// InstanceMigrator, and migrate each instance in its own transaction (snapshot, task, timer and subscription rows, audit).
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.Migration;

namespace Workflows.Server.Application.Designer;

/// <summary>Plans, dry-runs and runs migrations of running instances between two versions of a definition.</summary>
public sealed class MigrationService(
    WorkflowsDbContext db,
    DeploymentService deployment,
    IBackgroundJobClient jobs,
    TimeProvider time
)
{
    /// <summary>How many instances one background job migrates.</summary>
    public const int BatchSize = 50;

    /// <summary>The proposed mapping and the running instances of <paramref name="from"/>.</summary>
    /// <exception cref="NotFoundException">A version does not exist.</exception>
    public async Task<PlanDto> PlanAsync(string key, int from, int to, CancellationToken ct)
    {
        var (source, target) = await LoadAsync(key, from, to, ct);
        var plan = InstanceMigrator.Plan(source.Definition, target.Definition);
        var instances = await RunningAsync(key, from, null, ct);
        var summaries = instances
            .Select(i => new InstanceSummary(
                i.Id,
                i.BusinessKey,
                StateSerializer.Deserialize(i.StateJson).ActiveElementIds.ToList()
            ))
            .ToList();
        return new PlanDto(
            key,
            from,
            to,
            plan.Mapping,
            plan.Unmapped,
            plan.TargetWaitStates,
            summaries
        );
    }

    /// <summary>What would happen to each chosen (or every running) instance of <paramref name="from"/>.</summary>
    public async Task<IReadOnlyList<DryRunItem>> DryRunAsync(
        string key,
        MigrationRequest request,
        CancellationToken ct
    )
    {
        var (source, target) = await LoadAsync(key, request.From, request.To, ct);
        var instances = await RunningAsync(key, request.From, request.InstanceIds, ct);
        var items = instances
            .Select(i =>
            {
                var outcome = InstanceMigrator.Validate(
                    StateSerializer.Deserialize(i.StateJson),
                    source.Definition,
                    target.Definition,
                    request.Mapping
                );
                return new DryRunItem(
                    i.Id,
                    i.BusinessKey,
                    outcome.CanMigrate,
                    outcome.ActiveElementIds,
                    outcome.Moves,
                    outcome.Problems.Select(p => p.ToString()).ToList()
                );
            })
            .ToList();
        foreach (var missing in (request.InstanceIds ?? []).Except(instances.Select(i => i.Id)))
            items.Add(
                new DryRunItem(
                    missing,
                    null,
                    false,
                    [],
                    [],
                    [$"Instance {missing} is not a running instance of version {request.From}."]
                )
            );
        return items;
    }

    /// <summary>Refuses the whole migration when any chosen instance cannot migrate; otherwise enqueues it in batches.</summary>
    public async Task<RunOutcome> StartAsync(
        string key,
        MigrationRequest request,
        string? user,
        CancellationToken ct
    )
    {
        var dry = await DryRunAsync(key, request, ct);
        if (dry.Any(d => !d.CanMigrate))
            return new RunOutcome(false, dry, []);
        var ids = dry.Select(d => d.InstanceId).ToList();
        var jobIds = ids.Chunk(BatchSize)
            .Select(batch =>
                jobs.Enqueue<MigrationJob>(j =>
                    j.RunAsync(
                        key,
                        request.From,
                        request.To,
                        request.Mapping.ToDictionary(),
                        batch.ToList(),
                        user
                    )
                )
            )
            .ToList();
        return new RunOutcome(true, dry, jobIds);
    }

    /// <summary>Migrates one instance in one transaction; false (and nothing changed) when it no longer can.</summary>
    public async Task<bool> MigrateOneAsync(
        string key,
        int from,
        int to,
        IReadOnlyDictionary<string, string> mapping,
        Guid instanceId,
        string? user,
        CancellationToken ct
    )
    {
        var (source, target) = await LoadAsync(key, from, to, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var instance = await db.Instances.FirstOrDefaultAsync(
            i => i.Id == instanceId && i.DefinitionKey == key && i.DefinitionVersion == from,
            ct
        );
        if (instance is null)
            return false;
        var outcome = InstanceMigrator.Apply(
            StateSerializer.Deserialize(instance.StateJson),
            source.Definition,
            target.Definition,
            to,
            mapping
        );
        if (!outcome.CanMigrate)
            return false;
        var state = outcome.State!;
        state.Version++;
        var now = time.GetUtcNow();
        instance.StateJson = StateSerializer.Serialize(state);
        instance.Version = state.Version;
        instance.DefinitionId = target.Entity.Id;
        instance.DefinitionVersion = to;
        instance.UpdatedAt = now;
        foreach (var move in outcome.Moves)
        {
            var node = target.Definition.Nodes[move.ToElementId];
            switch (move.Kind)
            {
                case BookmarkKind.UserTask
                    when await db.Tasks.FirstOrDefaultAsync(t => t.Id == move.BookmarkId, ct)
                        is { } task:
                    task.ElementId = move.ToElementId;
                    task.Name = node.Name.Zh ?? task.Name;
                    task.NameEn = node.Name.En ?? task.NameEn;
                    task.Version++;
                    break;
                case BookmarkKind.Message
                    when await db.MessageSubscriptions.FirstOrDefaultAsync(
                        s => s.Id == move.BookmarkId,
                        ct
                    )
                        is { } subscription:
                    subscription.ElementId = move.ToElementId;
                    break;
            }
            if (await db.Timers.FirstOrDefaultAsync(t => t.Id == move.BookmarkId, ct) is { } timer)
            {
                timer.ElementId = move.ToElementId;
                timer.Version++;
            }
        }
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = user,
                Action = "instance.migrated",
                InstanceId = instance.Id,
                DataJson = new JsonObject
                {
                    ["key"] = key,
                    ["from"] = from,
                    ["to"] = to,
                    ["mapping"] = JsonSerializer.SerializeToNode(mapping),
                    ["moves"] = JsonSerializer.SerializeToNode(
                        outcome.Moves.Select(m => new
                        {
                            m.BookmarkId,
                            m.FromElementId,
                            m.ToElementId,
                        })
                    ),
                }.ToJsonString(),
            }
        );
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private async Task<List<InstanceEntity>> RunningAsync(
        string key,
        int version,
        IReadOnlyList<Guid>? ids,
        CancellationToken ct
    )
    {
        var query = db
            .Instances.AsNoTracking()
            .Where(i =>
                i.DefinitionKey == key && i.DefinitionVersion == version && i.EndedAt == null
            );
        if (ids is { Count: > 0 })
            query = query.Where(i => ids.Contains(i.Id));
        var rows = await query.OrderBy(i => i.CreatedAt).ToListAsync(ct);
        return rows.Where(i =>
                StateSerializer.Deserialize(i.StateJson).Status
                    is InstanceStatus.Running
                        or InstanceStatus.Incident
            )
            .ToList();
    }

    private async Task<(Loaded Source, Loaded Target)> LoadAsync(
        string key,
        int from,
        int to,
        CancellationToken ct
    )
    {
        var rows = await db
            .Definitions.AsNoTracking()
            .Where(d => d.Key == key && (d.Version == from || d.Version == to))
            .ToListAsync(ct);
        var source =
            rows.FirstOrDefault(r => r.Version == from)
            ?? throw new NotFoundException($"Definition '{key}' has no version {from}.");
        var target =
            rows.FirstOrDefault(r => r.Version == to)
            ?? throw new NotFoundException($"Definition '{key}' has no version {to}.");
        return (
            new Loaded(source, deployment.Load(source)),
            new Loaded(target, deployment.Load(target))
        );
    }

    private sealed record Loaded(DefinitionEntity Entity, ProcessDefinition Definition);
}

/// <summary>A migration request: versions, the wait-state mapping, and optionally which instances (default: every running one).</summary>
public sealed record MigrationRequest(
    int From,
    int To,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<Guid>? InstanceIds
);

/// <summary>The proposed plan with the instances it concerns.</summary>
public sealed record PlanDto(
    string Key,
    int From,
    int To,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<WaitStateInfo> TargetWaitStates,
    IReadOnlyList<InstanceSummary> Instances
);

/// <summary>A running instance and where it waits.</summary>
public sealed record InstanceSummary(
    Guid InstanceId,
    string? BusinessKey,
    IReadOnlyList<string> ActiveElementIds
);

/// <summary>The dry-run verdict for one instance.</summary>
public sealed record DryRunItem(
    Guid InstanceId,
    string? BusinessKey,
    bool CanMigrate,
    IReadOnlyList<string> ActiveElementIds,
    IReadOnlyList<ElementMove> Moves,
    IReadOnlyList<string> Problems
);

/// <summary>The result of asking to run a migration.</summary>
public sealed record RunOutcome(
    bool Accepted,
    IReadOnlyList<DryRunItem> Instances,
    IReadOnlyList<string> JobIds
);
