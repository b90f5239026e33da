using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Downloads an attachment after checking who may read its case and that its checksum still matches.</summary>
public static class AttachmentsApi
{
    /// <summary>Maps <c>/api/attachments</c>.</summary>
    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/attachments")
            .WithTags("Attachments")
            .AddEndpointFilter<TaskProblemFilter>();
        group.MapGet("/{id:guid}", DownloadAsync);
        return app;
    }

    private static async Task<FileContentHttpResult> DownloadAsync(
        Guid id,
        AttachmentService attachments,
        HttpResponse response,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var (attachment, content) = await attachments.DownloadAsync(id, CurrentUser.From(user), ct);
        response.Headers["X-Content-SHA256"] = attachment.Sha256;
        response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(content, attachment.ContentType, attachment.FileName);
    }
}
