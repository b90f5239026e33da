// Makes a task action safe to retry: the first answer to an Idempotency-Key (or body requestId) is stored and replayed.
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// An endpoint filter for state-changing calls. A request carrying <c>Idempotency-Key</c> (or a JSON body field
/// <c>requestId</c>) first reserves <c>{user}:{key}</c> with an insert whose unique key is the lock: the one request that
/// wins runs, its successful answer is stored, and every retry gets that answer back (header <c>Idempotent-Replayed</c>)
/// without acting again. A retry while the first is still running gets 409; a key reused on another request gets 422.
/// A failed first attempt leaves no record, so the retry runs.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    /// <summary>The request header carrying the key.</summary>
    public const string Header = "Idempotency-Key";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(
        EndpointFilterInvocationContext context,
        EndpointFilterDelegate next
    )
    {
        var http = context.HttpContext;
        var requestId = await RequestIdAsync(http.Request);
        if (requestId is null)
            return await next(context);
        if (requestId.Length > 200)
            return Api.Problems.BadRequest(
                "An idempotency key has at most 200 characters.",
                "requestId"
            );
        var key = $"{http.User.Identity?.Name}:{requestId}";
        var request = $"{http.Request.Method} {http.Request.Path}";
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var scopes = http.RequestServices.GetRequiredService<IServiceScopeFactory>();
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            db.IdempotencyRecords.Add(
                new IdempotencyRecordEntity
                {
                    Key = key,
                    Request = request,
                    StatusCode = 0,
                    At = time.GetUtcNow(),
                }
            );
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
            {
                db.ChangeTracker.Clear();
                var first = await db
                    .IdempotencyRecords.AsNoTracking()
                    .FirstAsync(r => r.Key == key, http.RequestAborted);
                if (first.Request != request)
                    return TypedResults.Problem(
                        title: "Idempotency key reused",
                        detail: $"The key was first used for {first.Request}.",
                        statusCode: 422
                    );
                if (first.StatusCode == 0)
                    return Api.Problems.Conflict(
                        "The first request with this idempotency key is still running."
                    );
                http.Response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Content(
                    first.ResponseJson ?? "null",
                    "application/json",
                    statusCode: first.StatusCode
                );
            }
        }
        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await ForgetAsync(scopes, key);
            throw;
        }
        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } answered)
        {
            var json = http
                .RequestServices.GetRequiredService<
                    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>
                >()
                .Value.SerializerOptions;
            var body = result is IValueHttpResult { Value: { } value }
                ? JsonSerializer.Serialize(value, value.GetType(), json)
                : null;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            await db
                .IdempotencyRecords.Where(r => r.Key == key)
                .ExecuteUpdateAsync(s =>
                    s.SetProperty(r => r.StatusCode, answered.StatusCode ?? 200)
                        .SetProperty(r => r.ResponseJson, body)
                );
        }
        else
        {
            await ForgetAsync(scopes, key);
        }
        return result;
    }

    private static async Task ForgetAsync(IServiceScopeFactory scopes, string key)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await db
            .IdempotencyRecords.Where(r => r.Key == key && r.StatusCode == 0)
            .ExecuteDeleteAsync();
    }

    private static async Task<string?> RequestIdAsync(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
            return header;
        if (
            request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            != true
        )
            return null;
        // The handlers behind this filter read their JSON body with JsonBody, which keeps what is parsed here: the body
        // is read and parsed once. A body that is not a JSON object carries no requestId; the handler then says why.
        try
        {
            var body = await Api.JsonBody.ReadObjectAsync(
                request,
                request.HttpContext.RequestAborted
            );
            return
                body["requestId"] is JsonValue v
                && v.TryGetValue<string>(out var id)
                && id.Length > 0
                ? id
                : null;
        }
        catch (Api.BadFieldException)
        {
            return null;
        }
    }
}
