using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Server.Application.Sla;
using Workflows.Server.Hosting;
using Workflows.Server.Observability;

namespace Workflows.Server.Application;

/// <summary>
/// Runs commands against instances, one command = one transaction: load the snapshot, run the pure interpreter, save
/// the new snapshot + task/timer/subscription rows + outbox + audit in a single SaveChanges guarded by the instance's
/// version (optimistic concurrency, retried a bounded number of times), then dispatch the outbox.
/// </summary>
public sealed partial class WorkflowRuntime(
    IServiceScopeFactory scopes,
    WorkflowInterpreter interpreter,
    TimeProvider time,
    IOptions<WorkflowsOptions> options,
    ILogger<WorkflowRuntime> logger
)
{
    /// <summary>Starts an instance of the latest (or a pinned) version of a definition.</summary>
    /// <exception cref="NotFoundException">No such definition or version.</exception>
    public async Task<CommandOutcome> StartAsync(
        StartRequest request,
        CancellationToken ct = default
    )
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var deployment = scope.ServiceProvider.GetRequiredService<DeploymentService>();
        var phase = WorkflowsTelemetry.Phase("definition");
        await OpenForCommandAsync(db, ct);
        // Only the version's id: the row itself (with its XML) is read once per process by DeploymentService.GetAsync.
        var definitionId = request.Version is { } v
            ? await db
                .Definitions.Where(d => d.Key == request.DefinitionKey && d.Version == v)
                .Select(d => (Guid?)d.Id)
                .FirstOrDefaultAsync(ct)
            : await CommandQueries.LatestDefinitionIdAsync(db, request.DefinitionKey, ct);
        var definitionEntity = definitionId is { } found
            ? await deployment.GetAsync(found, ct)
            : null;
        if (definitionEntity is null)
        {
            phase?.Dispose();
            throw new NotFoundException(
                request.Version is null
                    ? $"No definition with key '{request.DefinitionKey}'."
                    : $"Definition '{request.DefinitionKey}' has no version {request.Version}."
            );
        }
        var instanceId = request.InstanceId ?? Guid.CreateVersion7();
        if (
            request.InstanceId is not null
            && await db.Instances.AnyAsync(i => i.Id == instanceId, ct)
        )
        {
            phase?.Dispose();
            return await LoadOutcomeAsync(db, instanceId, created: false, ct);
        }

        var definition = deployment.Load(definitionEntity);
        phase?.Dispose();
        phase = WorkflowsTelemetry.Phase("engine");
        var command = new StartInstance(
            instanceId,
            definitionEntity.Version,
            request.BusinessKey,
            request.Variables?.DeepClone().AsObject(),
            request.StartElementId,
            request.ParentInstanceId,
            request.ParentBookmarkId
        );
        var result = interpreter.Execute(definition, null, command);
        phase?.Dispose();
        phase = WorkflowsTelemetry.Phase("apply");
        var now = time.GetUtcNow();
        var entity = new InstanceEntity
        {
            Id = instanceId,
            DefinitionId = definitionEntity.Id,
            DefinitionKey = definitionEntity.Key,
            DefinitionVersion = definitionEntity.Version,
            BusinessKey = request.BusinessKey,
            StartedBy = request.Actor,
            ParentInstanceId = request.ParentInstanceId,
            ApplicantName = ApplicantNameOf(request.Variables),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Instances.Add(entity);
        var applier = new EffectApplier(
            db,
            now,
            scope.ServiceProvider.GetRequiredService<ISlaTracker>(),
            definition.CaseSla,
            definition.DeclaresSla
        );
        await applier.ApplyAsync(
            entity,
            definitionEntity,
            result,
            request.Actor,
            "instance.started"
        );
        phase?.Dispose();
        try
        {
            using (WorkflowsTelemetry.Phase("save"))
                await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            // The same instance id was started concurrently (a replayed outbox row): the first one wins.
            db.ChangeTracker.Clear();
            return await LoadOutcomeAsync(db, instanceId, created: false, ct);
        }
        WorkflowsMetrics.InstanceStarted(definitionEntity.Key, result);
        using (WorkflowsTelemetry.Phase("dispatch"))
            await DispatchAsync(scope, applier.OutboxIds, ct);
        return new CommandOutcome(entity, result.State, Created: true)
        {
            CreatedTaskIds = OpenTaskIds(result),
        };
    }

    /// <summary>
    /// Applies a command to an instance. <paramref name="beforeSave"/> may add rows to the same transaction
    /// (e.g. mark the task completed by whom); it gets the instance's definition (e.g. whether it declares an SLA).
    /// <paramref name="checkedInstance"/> is the instance row as the caller already read it (untracked): the first
    /// attempt works on it instead of reading it again, and if the row changed since, the save's version check fails
    /// and the retry reads it.
    /// </summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="ConflictException">The command no longer fits (already completed, conflicts kept happening).</exception>
    public async Task<CommandOutcome> ExecuteAsync(
        Guid instanceId,
        Command command,
        string? actor,
        string action,
        Func<WorkflowsDbContext, ProcessDefinition, Task>? beforeSave = null,
        InstanceEntity? checkedInstance = null,
        CancellationToken ct = default
    )
    {
        var attempts = Math.Max(1, options.Value.CommandRetries);
        var started = Stopwatch.GetTimestamp();
        using var activity = WorkflowsTelemetry.StartCommand(action, instanceId);
        using var logScope = logger.BeginScope(
            new Dictionary<string, object?>
            {
                ["InstanceId"] = instanceId,
                ["Action"] = action,
                ["TaskId"] =
                    (command as CompleteTask)?.TaskId ?? (command as ThrowTaskError)?.TaskId,
            }
        );
        for (var attempt = 1; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            var deployment = scope.ServiceProvider.GetRequiredService<DeploymentService>();
            var phase = WorkflowsTelemetry.Phase("load");
            await OpenForCommandAsync(db, ct);
            var entity =
                attempt == 1 && checkedInstance?.Id == instanceId
                    ? db.Instances.Attach(checkedInstance).Entity
                    : await CommandQueries.InstanceAsync(db, instanceId, ct);
            if (entity is null)
            {
                phase?.Dispose();
                throw new NotFoundException($"Instance {instanceId} does not exist.");
            }
            var definitionEntity = await deployment.GetAsync(entity.DefinitionId, ct);
            var state = StateSerializer.Deserialize(entity.StateJson);
            ExecutionResult result;
            var definition = deployment.Load(definitionEntity);
            phase?.Dispose();
            phase = WorkflowsTelemetry.Phase("engine");
            try
            {
                // The state was read for this attempt alone (a retry reads it again), so it is worked on in place.
                result = interpreter.ExecuteInPlace(definition, state, command);
            }
            catch (InvalidCommandException ex) when (ex.NotFound)
            {
                throw new NotFoundException(ex.Message);
            }
            catch (InvalidCommandException ex)
            {
                throw new ConflictException(ex.Message, entity.Status);
            }
            finally
            {
                phase?.Dispose();
            }
            var now = time.GetUtcNow();
            var applier = new EffectApplier(
                db,
                now,
                scope.ServiceProvider.GetRequiredService<ISlaTracker>(),
                definition.CaseSla,
                definition.DeclaresSla
            );
            using (WorkflowsTelemetry.Phase("apply"))
                await applier.ApplyAsync(entity, definitionEntity, result, actor, action);
            if (beforeSave is not null)
                using (WorkflowsTelemetry.Phase("before-save"))
                    await beforeSave(db, definition);
            try
            {
                using (WorkflowsTelemetry.Phase("save"))
                    await db.SaveChangesAsync(ct);
                WorkflowsMetrics.Committed(action, entity.DefinitionKey, result, started);
                using (WorkflowsTelemetry.Phase("dispatch"))
                    await DispatchAsync(scope, applier.OutboxIds, ct);
                return new CommandOutcome(entity, result.State, Created: false);
            }
            catch (DbUpdateConcurrencyException) when (attempt < attempts)
            {
                LogConflict(logger, instanceId, attempt);
                WorkflowsMetrics.ConflictRetried(action);
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                WorkflowsMetrics.ConflictFailed(action);
                throw new ConflictException(
                    $"Instance {instanceId} was changed by another command; try again.",
                    entity.Status
                );
            }
        }
    }

    // One connection open for the whole command instead of one around each of its queries and its save: on SQLite every
    // open re-registers the provider's SQL functions on the pooled handle, which the profile showed beside the queries
    // themselves. The context closes it when the scope returns it to the pool. On a SQLite file the command's own reads
    // go through KeptReads and its save through the group writer, so a command usually needs no connection of its own:
    // there it is opened by the first EF Core query that needs it, if any.
    private static Task OpenForCommandAsync(WorkflowsDbContext db, CancellationToken ct) =>
        db.KeptReads() is null ? db.Database.OpenConnectionAsync(ct) : Task.CompletedTask;

    private static async Task DispatchAsync(
        IServiceScope scope,
        IReadOnlyList<OutboxEntity> rows,
        CancellationToken ct
    )
    {
        if (rows.Count == 0)
            return;
        var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
        await dispatcher.DispatchAsync(rows.Select(r => r.Id).ToList(), ct);
    }

    private static async Task<CommandOutcome> LoadOutcomeAsync(
        WorkflowsDbContext db,
        Guid id,
        bool created,
        CancellationToken ct
    )
    {
        var entity = await db.Instances.AsNoTracking().FirstAsync(i => i.Id == id, ct);
        return new CommandOutcome(entity, StateSerializer.Deserialize(entity.StateJson), created);
    }

    // The user tasks the command created and left open (a task may be created and cancelled in the same command).
    private static List<string> OpenTaskIds(ExecutionResult result)
    {
        var cancelled = result
            .Effects.OfType<TaskCancelled>()
            .Select(c => c.TaskId)
            .ToHashSet(StringComparer.Ordinal);
        return result
            .Effects.OfType<TaskCreated>()
            .Select(t => t.TaskId)
            .Where(id => !cancelled.Contains(id))
            .ToList();
    }

    /// <summary>The applicant's name from the start variables (<c>applicantName</c>, or <c>applicant.name</c>), for search.</summary>
    private static string? ApplicantNameOf(JsonObject? variables) =>
        variables?["applicantName"] is JsonValue v && v.TryGetValue<string>(out var name) ? name
        : variables?["applicant"] is JsonObject a
        && a["name"] is JsonValue n
        && n.TryGetValue<string>(out var nested)
            ? nested
        : null;

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "Concurrency conflict on instance {InstanceId}, attempt {Attempt}; retrying"
    )]
    private static partial void LogConflict(ILogger logger, Guid instanceId, int attempt);
}

/// <summary>What to start.</summary>
public sealed record StartRequest(
    string DefinitionKey,
    int? Version,
    string? BusinessKey,
    JsonObject? Variables,
    string? Actor,
    Guid? InstanceId = null,
    string? StartElementId = null,
    Guid? ParentInstanceId = null,
    string? ParentBookmarkId = null
);

/// <summary>The instance row and snapshot after a command.</summary>
public sealed record CommandOutcome(InstanceEntity Instance, InstanceState State, bool Created)
{
    /// <summary>The user tasks a start created that are still open when it commits (empty for a replayed start), so a client need not search for them.</summary>
    public IReadOnlyList<string> CreatedTaskIds { get; init; } = [];
}

/// <summary>The target of a command does not exist (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The command conflicts with the current state (409).</summary>
public sealed class ConflictException(string message, string? currentStatus = null)
    : Exception(message)
{
    /// <summary>The current status of the target, returned with the 409.</summary>
    public string? CurrentStatus { get; } = currentStatus;
}
