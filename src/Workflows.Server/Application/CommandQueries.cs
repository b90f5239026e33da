// The queries every command runs, compiled once: the LINQ-to-SQL translation and the cache lookup leave the hot path.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application;

/// <summary>
/// Compiled queries of the command path (<see cref="WorkflowRuntime"/>, <see cref="TaskService"/>); get the set of a
/// context with <see cref="PerModel{T}.Of"/>. Each is the same LINQ the code ran before, so the SQL is unchanged.
/// </summary>
internal sealed class CommandQueries
{
    /// <summary>The instance row, tracked (a command rewrites it).</summary>
    public Func<WorkflowsDbContext, Guid, CancellationToken, Task<InstanceEntity?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowsDbContext db, Guid id, CancellationToken ct) => db.Instances.FirstOrDefault(i => i.Id == id));

    /// <summary>The id of a definition key's latest version.</summary>
    public Func<WorkflowsDbContext, string, CancellationToken, Task<Guid?>> LatestDefinitionId { get; } =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string key, CancellationToken ct) =>
            db.Definitions.Where(d => d.Key == key).OrderByDescending(d => d.Version).Select(d => (Guid?)d.Id).FirstOrDefault());

    /// <summary>A task row, tracked (a command closes it), or null.</summary>
    public Func<WorkflowsDbContext, string, CancellationToken, Task<TaskEntity?>> TrackedTask { get; } =
        EF.CompileAsyncQuery((WorkflowsDbContext db, string id, CancellationToken ct) => db.Tasks.FirstOrDefault(t => t.Id == id));
}
