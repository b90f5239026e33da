using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>The clerk's queue and task actions; every action is idempotent under an <c>Idempotency-Key</c>.</summary>
public static class TasksApi
{
    /// <summary>Maps <c>/api/tasks</c>.</summary>
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks")
            .WithTags("Tasks")
            .AddEndpointFilter<TaskProblemFilter>();
        group.MapGet("", ListAsync);
        group.MapGet(
            "/counts",
            async (Inbox inbox, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(await inbox.CountsAsync(CurrentUser.From(user), ct))
        );
        group.MapGet(
            "/{id}",
            async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await tasks.GetAsync(id, CurrentUser.From(user), ct)))
        );
        var actions = group.MapGroup("/{id}").AddEndpointFilter<IdempotencyFilter>();
        actions.MapPost(
            "/claim",
            async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await tasks.ClaimAsync(id, CurrentUser.From(user), ct)))
        );
        actions.MapPost(
            "/unclaim",
            async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await tasks.UnclaimAsync(id, CurrentUser.From(user), ct)))
        );
        actions.MapPost("/complete", CompleteAsync);
        actions.MapPost(
            "/assign",
            async (
                string id,
                HttpRequest request,
                TaskService tasks,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
                TypedResults.Ok(
                    ToDto(
                        await tasks.AssignAsync(
                            id,
                            JsonBody.String(
                                await JsonBody.ReadObjectAsync(request, ct),
                                "userName"
                            ),
                            CurrentUser.From(user),
                            ct
                        )
                    )
                )
        );
        actions.MapPost(
            "/delegate",
            async (
                string id,
                HttpRequest request,
                TaskService tasks,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
                TypedResults.Ok(
                    ToDto(
                        await tasks.DelegateAsync(
                            id,
                            JsonBody.String(
                                await JsonBody.ReadObjectAsync(request, ct),
                                "userName"
                            ),
                            CurrentUser.From(user),
                            ct
                        )
                    )
                )
        );
        actions.MapPost(
            "/resolve",
            async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(ToDto(await tasks.ResolveAsync(id, CurrentUser.From(user), ct)))
        );
        actions.MapPost(
            "/reject",
            async (
                string id,
                HttpRequest request,
                TaskService tasks,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
                TypedResults.Ok(
                    ToDto(
                        await tasks.RejectAsync(
                            id,
                            JsonBody.String(await JsonBody.ReadObjectAsync(request, ct), "reason"),
                            CurrentUser.From(user),
                            ct
                        )
                    )
                )
        );
        actions.MapPost("/supplement", SupplementAsync);
        actions.MapPost("/comments", CommentAsync);
        actions.MapPost("/attachments", UploadAsync).DisableAntiforgery();
        group.MapGet("/{id}/form", FormAsync);
        group.MapGet(
            "/{id}/comments",
            async (string id, TaskService tasks, ClaimsPrincipal user, CancellationToken ct) =>
                TypedResults.Ok(
                    (await tasks.CommentsAsync(id, CurrentUser.From(user), ct))
                        .Select(CommentDto.Of)
                        .ToList()
                )
        );
        group.MapGet(
            "/{id}/attachments",
            async (
                string id,
                TaskService tasks,
                AttachmentService attachments,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
            {
                var task = await tasks.GetAsync(id, CurrentUser.From(user), ct);
                return TypedResults.Ok(
                    (await attachments.ListAsync(task.InstanceId, id, ct))
                        .Select(AttachmentDto.Of)
                        .ToList()
                );
            }
        );
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
        JsonNode? LocalVariables,
        string? Owner = null,
        string? Bureau = null,
        string? ApplicantName = null,
        string? SlaLevel = null,
        DateTimeOffset? SuspendedAt = null,
        bool WaitingForSupplement = false
    );

    /// <summary>A page of tasks; <c>nextCursor</c> continues with keyset paging (<c>after=</c>).</summary>
    public sealed record TaskPageDto(
        IReadOnlyList<TaskDto> Items,
        int? Total,
        int PageNumber,
        int PageSize,
        string? NextCursor
    );

    // The form-js schema of the task's form version (the one completion is validated against); its key and version in headers.
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> FormAsync(
        string id,
        TaskService tasks,
        TaskForms forms,
        HttpResponse response,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var task = await tasks.GetAsync(id, CurrentUser.From(user), ct);
        if (await forms.ResolveAsync(task, ct) is not { } form)
            return Problems.NotFound($"Task {id} has no form.");
        response.Headers["X-Form-Key"] = form.Key;
        response.Headers["X-Form-Version"] = form.Version.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        return TypedResults.Text(form.Schema, "application/json", System.Text.Encoding.UTF8);
    }

    private static async Task<Ok<TaskPageDto>> ListAsync(
        Inbox inbox,
        ClaimsPrincipal principal,
        string? assignee,
        string? candidateGroup,
        string? status,
        string? definitionKey,
        string? businessKey,
        string? queue,
        string? procedure,
        string? slaLevel,
        DateTimeOffset? dueBefore,
        string? applicant,
        string? sort,
        string? after,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var filter = new InboxFilter(
            queue,
            status,
            assignee,
            candidateGroup,
            procedure ?? definitionKey,
            businessKey,
            slaLevel,
            dueBefore,
            applicant,
            sort,
            after,
            page,
            pageSize
        );
        var result = await inbox.PageAsync(CurrentUser.From(principal), filter, ct);
        return TypedResults.Ok(
            new TaskPageDto(
                result.Items.Select(ToDto).ToList(),
                result.Total,
                result.PageNumber,
                result.PageSize,
                result.NextCursor
            )
        );
    }

    private static async Task<Ok<TaskDto>> CompleteAsync(
        string id,
        HttpRequest request,
        TaskService tasks,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var variables = JsonBody.Object(body, "variables");
        return TypedResults.Ok(
            ToDto(await tasks.CompleteAsync(id, variables, CurrentUser.From(user), ct))
        );
    }

    private static async Task<Ok<SupplementNoticeDto>> SupplementAsync(
        string id,
        HttpRequest request,
        SupplementService supplements,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var items = body["items"] switch
        {
            null => null,
            JsonArray a => a,
            _ => throw new BadFieldException(
                "items",
                "'items' must be an array of {key, name?, note?}."
            ),
        };
        var notice = await supplements.ReturnForSupplementAsync(
            id,
            items,
            JsonBody.String(body, "note"),
            CurrentUser.From(user),
            ct
        );
        return TypedResults.Ok(SupplementNoticeDto.Of(notice));
    }

    private static async Task<Ok<CommentDto>> CommentAsync(
        string id,
        HttpRequest request,
        TaskService tasks,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var text = JsonBody.RequiredString(body, "text");
        if (text.Length > 4000)
            throw new BadFieldException("text", "A comment has at most 4000 characters.");
        return TypedResults.Ok(
            CommentDto.Of(await tasks.CommentAsync(id, text, CurrentUser.From(user), ct))
        );
    }

    private static async Task<Ok<List<AttachmentDto>>> UploadAsync(
        string id,
        HttpRequest request,
        TaskService tasks,
        AttachmentService attachments,
        Workflows.Data.WorkflowsDbContext db,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var task = await tasks.GetAsync(id, user, ct);
        if (!TaskAccess.MayAct(user, task))
            throw new ForbiddenException("Managers, supervisors and admins do not attach files.");
        if (!request.HasFormContentType)
            throw new BadFieldException("file", "Upload files as multipart/form-data.");
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            throw new BadFieldException("file", "No file in the request.");
        var material = form["materialKey"].ToString() is { Length: > 0 } m ? m : null;
        var stored = new List<AttachmentEntity>();
        foreach (var file in form.Files)
            stored.Add(
                await attachments.StoreAsync(task.InstanceId, id, material, file, user.UserName, ct)
            );
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(stored.Select(AttachmentDto.Of).ToList());
    }

    internal static TaskDto ToDto(TaskEntity t) =>
        new(
            t.Id,
            t.InstanceId,
            t.ElementId,
            t.Name,
            t.NameEn,
            t.DefinitionKey,
            t.BusinessKey,
            t.Status,
            t.Assignee,
            t.CandidateGroups.Split(',', StringSplitOptions.RemoveEmptyEntries),
            t.Priority,
            t.FormKey,
            t.DueAt,
            t.CreatedAt,
            t.CompletedAt,
            t.CompletedBy,
            t.LocalVariablesJson is null ? null : JsonNode.Parse(t.LocalVariablesJson),
            t.Owner,
            t.Bureau,
            t.ApplicantName,
            t.SlaLevel,
            t.SuspendedAt,
            t.SuspendedAt is not null
        );
}
