// The signed-in user's in-app notifications: list, unread count, mark read.
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Application.Notifications;

namespace Workflows.Server.Api;

/// <summary>Maps <c>/api/notifications</c> (always the caller's own in-app rows).</summary>
public static class NotificationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("", ListAsync);
        group.MapGet("/unread-count", UnreadCountAsync);
        group.MapPost("/{id:long}/read", ReadAsync);
        group.MapPost("/read-all", ReadAllAsync);
        return app;
    }

    /// <summary>An in-app notification.</summary>
    public sealed record NotificationDto(
        long Id,
        string Kind,
        string Subject,
        string Body,
        Guid? InstanceId,
        string? TaskId,
        DateTimeOffset CreatedAt,
        DateTimeOffset? ReadAt
    );

    /// <summary>The unread count.</summary>
    public sealed record UnreadCountDto(int Count);

    private static async Task<Ok<Page<NotificationDto>>> ListAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal user,
        bool? unread,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var name = user.Identity?.Name ?? "";
        var query = db
            .Notifications.AsNoTracking()
            .Where(n => n.Recipient == name && n.Channel == NotificationChannels.InApp);
        if (unread == true)
            query = query.Where(n => n.ReadAt == null);
        var paging = Paging.Of(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query
            .OrderByDescending(n => n.Id)
            .Skip(paging.Skip)
            .Take(paging.Size)
            .Select(n => new NotificationDto(
                n.Id,
                n.Kind,
                n.Subject,
                n.Body,
                n.InstanceId,
                n.TaskId,
                n.CreatedAt,
                n.ReadAt
            ))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<NotificationDto>(items, total, paging.Number, paging.Size));
    }

    private static async Task<Ok<UnreadCountDto>> UnreadCountAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var name = user.Identity?.Name ?? "";
        var count = await db.Notifications.CountAsync(
            n => n.Recipient == name && n.Channel == NotificationChannels.InApp && n.ReadAt == null,
            ct
        );
        return TypedResults.Ok(new UnreadCountDto(count));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReadAsync(
        long id,
        WorkflowsDbContext db,
        ClaimsPrincipal user,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var name = user.Identity?.Name ?? "";
        var row = await db.Notifications.FirstOrDefaultAsync(
            n => n.Id == id && n.Recipient == name && n.Channel == NotificationChannels.InApp,
            ct
        );
        if (row is null)
            return Problems.NotFound($"Notification {id} does not exist.");
        row.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UnreadCountDto>> ReadAllAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal user,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var name = user.Identity?.Name ?? "";
        var now = time.GetUtcNow();
        var marked = await db
            .Notifications.Where(n =>
                n.Recipient == name && n.Channel == NotificationChannels.InApp && n.ReadAt == null
            )
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return TypedResults.Ok(new UnreadCountDto(marked));
    }
}
