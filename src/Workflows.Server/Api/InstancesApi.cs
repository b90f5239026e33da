using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Start, read, list, follow and cancel instances (cases).</summary>
public static class InstancesApi
{
    /// <summary>Maps <c>/api/instances</c>.</summary>
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances").WithTags("Instances");
        group.MapPost("", StartAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapGet("/{id:guid}/history", HistoryAsync);
        group.MapPost("/{id:guid}/cancel", CancelAsync);
        group
            .MapPost("/{id:guid}/incidents/retry", RetryIncidentsAsync)
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>
    /// The start answer. <paramref name="TaskIds"/>: the user tasks the start created and left open, so the client can act
    /// on them without searching <c>/api/tasks</c>; each still follows the task visibility rules.
    /// </summary>
    public sealed record StartedDto(
        Guid Id,
        string Status,
        string DefinitionKey,
        int Version,
        string? BusinessKey,
        IReadOnlyList<string> TaskIds
    );

    /// <summary>An instance as clients see it.</summary>
    public sealed record InstanceDto(
        Guid Id,
        string Status,
        string DefinitionKey,
        int Version,
        string? BusinessKey,
        JsonObject Variables,
        IReadOnlyList<string> ActiveElementIds,
        IReadOnlyList<string> CompletedElementIds,
        string? StartedBy,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? EndedAt,
        IReadOnlyList<IncidentDto> Incidents,
        EndEventDto? EndEvent = null
    );

    /// <summary>
    /// The process-level end event through which an ended case ended, so a client can tell "Rejected" (不予许可) from
    /// "Completed" (办结) although BPMN's terminate end makes both plain statuses: <c>Terminated</c> or <c>Completed</c>.
    /// <paramref name="Kind"/>: <c>none</c>, <c>terminate</c> or <c>error</c>. Null while the case runs, and for a case
    /// cancelled by a person (no end event was reached).
    /// </summary>
    public sealed record EndEventDto(string Id, string? Name, string? NameEn, string Kind)
    {
        /// <summary>
        /// How the case ended. A completed case: the last process-level end event it completed (every token ended, that one
        /// last). A terminated case: the element it completed last, when that is a process-level terminate or error end
        /// event; otherwise it was cancelled or ended by an uncaught error elsewhere, through no end event. A case that has
        /// not ended: null.
        /// </summary>
        public static EndEventDto? Of(ProcessDefinition definition, InstanceState state)
        {
            var ends = state.CompletedElementIds.Select(id =>
                definition.Nodes.GetValueOrDefault(id) as EndEvent
            );
            var end = state.Status switch
            {
                InstanceStatus.Completed => ends.LastOrDefault(e => e is { ScopeId: null }),
                InstanceStatus.Terminated => ends.LastOrDefault()
                    is { ScopeId: null, Result: TerminateDefinition or ErrorDefinition } last
                    ? last
                    : null,
                _ => null,
            };
            return end is null ? null : Describe(end);
        }

        private static EndEventDto Describe(EndEvent end) =>
            new(
                end.Id,
                end.Name.Zh,
                end.Name.En,
                end.Result switch
                {
                    TerminateDefinition => "terminate",
                    ErrorDefinition => "error",
                    _ => "none",
                }
            );
    }

    /// <summary>An open incident.</summary>
    public sealed record IncidentDto(
        Guid Id,
        string? ElementId,
        string Message,
        DateTimeOffset CreatedAt,
        string? TimerId
    );

    /// <summary>A list row.</summary>
    public sealed record InstanceSummaryDto(
        Guid Id,
        string Status,
        string DefinitionKey,
        int Version,
        string? BusinessKey,
        string? StartedBy,
        DateTimeOffset CreatedAt,
        DateTimeOffset? EndedAt
    );

    /// <summary>An audit event.</summary>
    public sealed record HistoryDto(
        long Id,
        DateTimeOffset At,
        string? Actor,
        string Action,
        string? TaskId,
        string? ElementId,
        JsonNode? Data
    );

    private static async Task<Results<Created<StartedDto>, ProblemHttpResult>> StartAsync(
        HttpRequest request,
        WorkflowRuntime runtime,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var key = JsonBody.RequiredString(body, "definitionKey");
        var outcome = await runtime.StartAsync(
            new StartRequest(
                key,
                JsonBody.Int(body, "version"),
                JsonBody.String(body, "businessKey"),
                JsonBody.Object(body, "variables"),
                user.Identity?.Name
            ),
            ct
        );
        var i = outcome.Instance;
        return TypedResults.Created(
            $"/api/instances/{i.Id}",
            new StartedDto(
                i.Id,
                i.Status,
                i.DefinitionKey,
                i.DefinitionVersion,
                i.BusinessKey,
                outcome.CreatedTaskIds
            )
        );
    }

    private static async Task<Results<Ok<InstanceDto>, ProblemHttpResult>> GetAsync(
        Guid id,
        WorkflowsDbContext db,
        DeploymentService deployment,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var entity = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null || !await CanReadAsync(db, CurrentUser.From(principal), entity, ct))
            return Problems.NotFound($"Instance {id} does not exist.");
        var state = StateSerializer.Deserialize(entity.StateJson);
        var processOnly = SeesProcessOnly(CurrentUser.From(principal), entity.StartedBy);
        var incidents = await db
            .Incidents.AsNoTracking()
            .Where(x => x.InstanceId == id && x.ResolvedAt == null)
            .Select(x => new IncidentDto(x.Id, x.ElementId, x.Message, x.CreatedAt, x.TimerId))
            .ToListAsync(ct);
        var endEvent = state.Status is InstanceStatus.Completed or InstanceStatus.Terminated
            ? EndEventDto.Of(
                deployment.Load(await deployment.GetAsync(entity.DefinitionId, ct)),
                state
            )
            : null;
        return TypedResults.Ok(
            new InstanceDto(
                entity.Id,
                entity.Status,
                entity.DefinitionKey,
                entity.DefinitionVersion,
                entity.BusinessKey,
                processOnly ? new JsonObject() : state.Variables,
                state.ActiveElementIds.ToList(),
                state.CompletedElementIds,
                processOnly ? null : entity.StartedBy,
                entity.CreatedAt,
                entity.UpdatedAt,
                entity.EndedAt,
                incidents,
                endEvent
            )
        );
    }

    private static async Task<Ok<Page<InstanceSummaryDto>>> ListAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        string? definitionKey,
        string? status,
        string? businessKey,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var query = db.Instances.AsNoTracking();
        if (OnlyOwnCases(user))
            query = query.Where(i => i.StartedBy == user.UserName);
        else if (!ReadsAllCases(user))
            query = query.ReadableBy(db, user);
        if (!string.IsNullOrEmpty(definitionKey))
            query = query.Where(i => i.DefinitionKey == definitionKey);
        if (!string.IsNullOrEmpty(status))
            query = query.Where(i => i.Status == status);
        if (!string.IsNullOrEmpty(businessKey))
            query = query.Where(i => i.BusinessKey == businessKey);
        var paging = Paging.Of(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.Id)
            .Skip(paging.Skip)
            .Take(paging.Size)
            .Select(i => new InstanceSummaryDto(
                i.Id,
                i.Status,
                i.DefinitionKey,
                i.DefinitionVersion,
                i.BusinessKey,
                i.StartedBy,
                i.CreatedAt,
                i.EndedAt
            ))
            .ToListAsync(ct);
        items = items
            .Select(i => SeesProcessOnly(user, i.StartedBy) ? i with { StartedBy = null } : i)
            .ToList();
        return TypedResults.Ok(
            new Page<InstanceSummaryDto>(items, total, paging.Number, paging.Size)
        );
    }

    private static async Task<Results<Ok<List<HistoryDto>>, ProblemHttpResult>> HistoryAsync(
        Guid id,
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var entity = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        var user = CurrentUser.From(principal);
        if (
            entity is null
            || SeesProcessOnly(user, entity.StartedBy)
            || !await CanReadAsync(db, user, entity, ct)
        )
            return Problems.NotFound($"Instance {id} does not exist.");
        var events = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.InstanceId == id)
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        return TypedResults.Ok(
            events
                .Select(a => new HistoryDto(
                    a.Id,
                    a.At,
                    a.Actor,
                    a.Action,
                    a.TaskId,
                    a.ElementId,
                    a.DataJson is null ? null : JsonNode.Parse(a.DataJson)
                ))
                .ToList()
        );
    }

    private static async Task<Results<Ok<StartedDto>, ProblemHttpResult>> CancelAsync(
        Guid id,
        HttpRequest request,
        WorkflowRuntime runtime,
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var entity = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null || !await CanReadAsync(db, user, entity, ct))
            return Problems.NotFound($"Instance {id} does not exist.");
        if (
            !(user.IsIn(Roles.Admin) || user.IsIn(Roles.Chief) || entity.StartedBy == user.UserName)
        )
            return TypedResults.Problem(
                title: "Forbidden",
                detail: "Only an admin, a section chief or the applicant may cancel a case.",
                statusCode: 403
            );
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var reason = JsonBody.String(body, "reason") ?? "cancelled";
        var outcome = await runtime.ExecuteAsync(
            id,
            new CancelInstance(reason),
            user.UserName,
            "instance.cancelled",
            ct: ct
        );
        var i = outcome.Instance;
        return TypedResults.Ok(
            new StartedDto(i.Id, i.Status, i.DefinitionKey, i.DefinitionVersion, i.BusinessKey, [])
        );
    }

    private static async Task<Results<Ok<int>, ProblemHttpResult>> RetryIncidentsAsync(
        Guid id,
        IncidentService incidents,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var retried = await incidents.RetryAsync(id, principal.Identity?.Name, ct);
        return TypedResults.Ok(retried);
    }

    /// <summary>
    /// Applicants read only the cases they started; managers, supervisors, admins and designers read every case (designers
    /// without its personal data); clerks and section chiefs read the cases their groups or bureau had or have a task in
    /// (<see cref="CaseAccess"/>).
    /// </summary>
    internal static async Task<bool> CanReadAsync(
        WorkflowsDbContext db,
        CurrentUser user,
        InstanceEntity instance,
        CancellationToken ct
    ) =>
        OnlyOwnCases(user)
            ? instance.StartedBy == user.UserName
            : ReadsAllCases(user) || await CaseAccess.CanReadAsync(db, user, instance, ct);

    // Designers follow deployed versions' instances (migration, diff), so they read every case record.
    private static bool ReadsAllCases(CurrentUser user) =>
        user.ReadsEverything || user.IsIn(Roles.Designer);

    // Designers see the process, not the person: on a case they did not start, a designer-only user reads its state
    // (version, status, element ids, incidents, clocks) but not its variables, its applicant or its audit trail, which
    // carry the applicant's personal data; the case's audit, attachments and supplements are 404 to them as well.
    private static bool SeesProcessOnly(CurrentUser user, string? startedBy) =>
        user.IsIn(Roles.Designer) && user.Roles.Count == 1 && startedBy != user.UserName;

    private static bool OnlyOwnCases(CurrentUser user) =>
        user.Roles.Count == 0 || (user.IsIn(Roles.Applicant) && user.Roles.Count == 1);
}
