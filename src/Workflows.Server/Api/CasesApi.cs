using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>A case's supplement notices and the applicant's answer, its attachments and its audit trail.</summary>
public static class CasesApi
{
    /// <summary>Maps the case routes under <c>/api/instances/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances/{id:guid}")
            .WithTags("Cases")
            .AddEndpointFilter<TaskProblemFilter>();
        group.MapGet(
            "/supplements",
            async (
                Guid id,
                SupplementService supplements,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
                TypedResults.Ok(
                    (await supplements.ListAsync(id, CurrentUser.From(user), ct))
                        .Select(SupplementNoticeDto.Of)
                        .ToList()
                )
        );
        group
            .MapPost("/supplements/{noticeId:guid}/answer", AnswerAsync)
            .AddEndpointFilter<IdempotencyFilter>()
            .DisableAntiforgery();
        group.MapGet(
            "/attachments",
            async (
                Guid id,
                WorkflowsDbContext db,
                AttachmentService attachments,
                ClaimsPrincipal user,
                CancellationToken ct
            ) =>
            {
                await CaseAccess.ReadableAsync(db, CurrentUser.From(user), id, ct);
                return TypedResults.Ok(
                    (await attachments.ListAsync(id, null, ct)).Select(AttachmentDto.Of).ToList()
                );
            }
        );
        group.MapGet("/audit", AuditAsync);
        return app;
    }

    /// <summary>An audit event of a case.</summary>
    public sealed record AuditEventDto(
        long Id,
        DateTimeOffset At,
        string? Actor,
        string Action,
        Guid? InstanceId,
        string? TaskId,
        string? ElementId,
        JsonNode? Data
    );

    private static async Task<Ok<SupplementNoticeDto>> AnswerAsync(
        Guid id,
        Guid noticeId,
        HttpRequest request,
        SupplementService supplements,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        IFormFileCollection? files = null;
        JsonObject? variables;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            files = form.Files;
            variables = form["variables"].ToString() is { Length: > 0 } json
                ? JsonNode.Parse(json) as JsonObject
                    ?? throw new BadFieldException(
                        "variables",
                        "'variables' must be a JSON object."
                    )
                : null;
        }
        else
        {
            variables = JsonBody.Object(await JsonBody.ReadObjectAsync(request, ct), "variables");
        }
        return TypedResults.Ok(
            SupplementNoticeDto.Of(
                await supplements.AnswerAsync(
                    id,
                    noticeId,
                    files,
                    variables,
                    CurrentUser.From(user),
                    ct
                )
            )
        );
    }

    private static async Task<Ok<List<AuditEventDto>>> AuditAsync(
        Guid id,
        WorkflowsDbContext db,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        await CaseAccess.ReadableAsync(db, CurrentUser.From(user), id, ct);
        var events = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.InstanceId == id)
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        return TypedResults.Ok(
            events
                .Select(a => new AuditEventDto(
                    a.Id,
                    a.At,
                    a.Actor,
                    a.Action,
                    a.InstanceId,
                    a.TaskId,
                    a.ElementId,
                    a.DataJson is null ? null : JsonNode.Parse(a.DataJson)
                ))
                .ToList()
        );
    }
}
