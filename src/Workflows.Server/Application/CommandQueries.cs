// The queries every command runs, compiled once (the LINQ-to-SQL translation and the cache lookup leave the hot path),
// and on SQLite files run as kept reads.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application;

/// <summary>
/// Compiled queries of the command path (<see cref="WorkflowRuntime"/>, <see cref="TaskService"/>); get the set of a
/// context with <see cref="PerModel{T}.Of"/>. Each is the same LINQ the code ran before, so the SQL is unchanged. The
/// static methods run the instance and latest-definition reads on a SQLite file through
/// <see cref="WorkflowsDbContext.KeptReads"/> instead (the same statements in SQLite's SQL), and fall back to the
/// compiled queries everywhere else.
/// </summary>
internal sealed class CommandQueries
{
    /// <summary>The instance row, tracked (a command rewrites it).</summary>
    public Func<
        WorkflowsDbContext,
        Guid,
        CancellationToken,
        Task<InstanceEntity?>
    > Instance { get; } =
        EF.CompileAsyncQuery(
            (WorkflowsDbContext db, Guid id, CancellationToken ct) =>
                db.Instances.FirstOrDefault(i => i.Id == id)
        );

    /// <summary>The id of a definition key's latest version.</summary>
    public Func<
        WorkflowsDbContext,
        string,
        CancellationToken,
        Task<Guid?>
    > LatestDefinitionId { get; } =
        EF.CompileAsyncQuery(
            (WorkflowsDbContext db, string key, CancellationToken ct) =>
                db
                    .Definitions.Where(d => d.Key == key)
                    .OrderByDescending(d => d.Version)
                    .Select(d => (Guid?)d.Id)
                    .FirstOrDefault()
        );

    /// <summary>
    /// The instance row, tracked: on a SQLite file read through <see cref="WorkflowsDbContext.KeptReads"/> and attached,
    /// else (or when the context already tracks it) through <see cref="Instance"/>.
    /// </summary>
    public static Task<InstanceEntity?> InstanceAsync(
        WorkflowsDbContext db,
        Guid id,
        CancellationToken ct
    )
    {
        if (db.KeptReads() is not { } reads || db.IsTracked<InstanceEntity, Guid>(id))
            return PerModel<CommandQueries>.Of(db).Instance(db, id, ct);
        return Task.FromResult(
            reads.Row<InstanceEntity>("\"t\".\"Id\" = @p0", id) is { } row
                ? db.Instances.Attach(row).Entity
                : null
        );
    }

    /// <summary>The id of a definition key's latest version: on a SQLite file through <see cref="WorkflowsDbContext.KeptReads"/>, else through <see cref="LatestDefinitionId"/>.</summary>
    public static Task<Guid?> LatestDefinitionIdAsync(
        WorkflowsDbContext db,
        string key,
        CancellationToken ct
    ) =>
        db.KeptReads() is { } reads
            ? Task.FromResult(
                reads.Value<Guid>(
                    "SELECT \"Id\" FROM \"Definitions\" WHERE \"Key\" = @p0 ORDER BY \"Version\" DESC LIMIT 1",
                    key
                )
            )
            : PerModel<CommandQueries>.Of(db).LatestDefinitionId(db, key, ct);

    /// <summary>A task row, tracked (a command closes it), or null.</summary>
    public Func<
        WorkflowsDbContext,
        string,
        CancellationToken,
        Task<TaskEntity?>
    > TrackedTask { get; } =
        EF.CompileAsyncQuery(
            (WorkflowsDbContext db, string id, CancellationToken ct) =>
                db.Tasks.FirstOrDefault(t => t.Id == id)
        );
}
