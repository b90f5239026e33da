using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>The clerk's queue and task actions.</summary>
public static class TasksApi
{
    /// <summary>Maps <c>/api/tasks</c>.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("", ListAsync);
        group.MapGet("/{id}", async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(ToDto(await tasks.GetAsync(id, CurrentUser.From(user), ct))));
        group.MapPost("/{id}/claim", async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(ToDto(await tasks.ClaimAsync(id, CurrentUser.From(user), ct))));
        group.MapPost("/{id}/unclaim", async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) => TypedResults.Ok(ToDto(await tasks.UnclaimAsync(id, CurrentUser.From(user), ct))));
        group.MapPost("/{id}/complete", CompleteAsync);
        return app;
    }

    /// <summary>A task as clients see it.</summary>
    public sealed record TaskDto(
        string Id,
        Guid InstanceId,
        string ElementId,
        string? Name,
        string? NameEn,
        string DefinitionKey,
        string? BusinessKey,
        string Status,
        string? Assignee,
        IReadOnlyList<string> CandidateGroups,
        int Priority,
        string? FormKey,
        DateTimeOffset? DueAt,
        DateTimeOffset CreatedAt,
        DateTimeOffset? CompletedAt,
        string? CompletedBy,
        JsonNode? LocalVariables
    );

    private static async Task<Ok<Page<TaskDto>>> ListAsync(
        TaskService tasks, ClaimsPrincipal principal, string? assignee, string? candidateGroup, string? status, string? definitionKey, string? businessKey, int? page, int? pageSize, CancellationToken ct)
    {
        var user = CurrentUser.From(principal);
        var query = tasks.Visible(user);
        query = query.Where(t => t.Status == (status ?? TaskStatuses.Open));
        if (assignee == "me")
            query = query.Where(t => t.Assignee == user.UserName);
        else if (!string.IsNullOrEmpty(assignee))
            query = query.Where(t => t.Assignee == assignee);
        if (!string.IsNullOrEmpty(candidateGroup))
            query = query.Where(t => t.Assignee == null && t.CandidateGroups.Contains(candidateGroup));
        if (!string.IsNullOrEmpty(definitionKey))
            query = query.Where(t => t.DefinitionKey == definitionKey);
        if (!string.IsNullOrEmpty(businessKey))
            query = query.Where(t => t.BusinessKey == businessKey);
        var paging = Paging.Of(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Skip(paging.Skip).Take(paging.Size).ToListAsync(ct);
        return TypedResults.Ok(new Page<TaskDto>(items.Select(ToDto).ToList(), total, paging.Number, paging.Size));
    }

    private static async Task<Ok<TaskDto>> CompleteAsync(string id, HttpRequest request, TaskService tasks, ClaimsPrincipal user, CancellationToken ct)
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var variables = JsonBody.Object(body, "variables");
        return TypedResults.Ok(ToDto(await tasks.CompleteAsync(id, variables, CurrentUser.From(user), ct)));
    }

    internal static TaskDto ToDto(TaskEntity t) =>
        new(
            t.Id, t.InstanceId, t.ElementId, t.Name, t.NameEn, t.DefinitionKey, t.BusinessKey, t.Status, t.Assignee,
            t.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries), t.Priority, t.FormKey, t.DueAt, t.CreatedAt, t.CompletedAt, t.CompletedBy,
            t.LocalVariablesJson is null ? null : JsonNode.Parse(t.LocalVariablesJson)
        );
}
