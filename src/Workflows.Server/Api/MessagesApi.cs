using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Server.Application;

namespace Workflows.Server.Api;

/// <summary>Correlates a message from outside (another government system) with the instances waiting for it, or starts one.</summary>
public static class MessagesApi
{
    /// <summary>Maps <c>/api/messages</c>.</summary>
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/messages")
            .WithTags("Messages")
            .RequireAuthorization(Auth.Policies.Messages)
            .MapPost("", CorrelateAsync);
        return app;
    }

    /// <summary>Which instances the message reached, and which it started.</summary>
    public sealed record CorrelationResult(
        IReadOnlyList<Guid> Resumed,
        IReadOnlyList<Guid> Started
    );

    private static async Task<Ok<CorrelationResult>> CorrelateAsync(
        HttpRequest request,
        WorkflowsDbContext db,
        WorkflowRuntime runtime,
        DeploymentService deployment,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var name = JsonBody.RequiredString(body, "name");
        var key = JsonBody.String(body, "correlationKey");
        var variables = JsonBody.Object(body, "variables");
        var subscriptions = await db
            .MessageSubscriptions.AsNoTracking()
            .Where(s => s.MessageName == name && s.CorrelationKey == key)
            .OrderBy(s => s.CreatedAt)
            .Select(s => new { s.Id, s.InstanceId })
            .ToListAsync(ct);
        var resumed = new List<Guid>();
        foreach (var s in subscriptions)
        {
            try
            {
                await runtime.ExecuteAsync(
                    s.InstanceId,
                    new CorrelateMessage(s.Id, variables?.DeepClone().AsObject()),
                    user.Identity?.Name,
                    "message.correlated",
                    ct: ct
                );
                resumed.Add(s.InstanceId);
            }
            catch (Exception ex) when (ex is NotFoundException or ConflictException)
            {
                // Consumed by a concurrent delivery; not this one's.
            }
        }
        var started = new List<Guid>();
        if (resumed.Count == 0)
        {
            // Message start events: the latest version of each definition that starts on this message.
            var latest = await db
                .Definitions.AsNoTracking()
                .GroupBy(d => d.Key)
                .Select(g => g.OrderByDescending(d => d.Version).First())
                .ToListAsync(ct);
            foreach (var d in latest)
            {
                var start = deployment
                    .Load(d)
                    .StartEvents()
                    .FirstOrDefault(s => s.Trigger is MessageDefinition m && m.MessageName == name);
                if (start is null)
                    continue;
                var outcome = await runtime.StartAsync(
                    new StartRequest(
                        d.Key,
                        d.Version,
                        key,
                        variables?.DeepClone().AsObject(),
                        user.Identity?.Name,
                        StartElementId: start.Id
                    ),
                    ct
                );
                started.Add(outcome.Instance.Id);
            }
        }
        return TypedResults.Ok(new CorrelationResult(resumed, started));
    }
}
