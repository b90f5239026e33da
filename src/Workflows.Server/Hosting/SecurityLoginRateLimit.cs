// Login throttling: POST /api/auth/login is limited per client IP and user name (a fixed window of one minute), so
// password guessing is slow even before Identity's lockout, and one user's attacker cannot lock out everyone at an IP.
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Workflows.Server.Hosting;

/// <summary>The rate limiter of the login endpoint.</summary>
public static class SecurityLoginRateLimit
{
    private const string UserNameItem = "workflows.login.userName";
    private const int MaxPeekBytes = 4096;

    /// <summary>Adds the limiter with <paramref name="permitsPerMinute"/> (0 or less: no limit).</summary>
    public static IServiceCollection AddWorkflowsLoginRateLimit(
        this IServiceCollection services,
        Func<int> permitsPerMinute
    ) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var permits = permitsPerMinute();
                if (!IsLogin(http.Request) || permits <= 0)
                    return RateLimitPartition.GetNoLimiter("-");
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var user = (http.Items[UserNameItem] as string ?? "").ToUpperInvariant();
                return RateLimitPartition.GetFixedWindowLimiter(
                    $"{ip}|{user}",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                );
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                await http
                    .RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(
                        new ProblemDetailsContext
                        {
                            HttpContext = http,
                            ProblemDetails = new ProblemDetails
                            {
                                Status = StatusCodes.Status429TooManyRequests,
                                Title = "Too many login attempts",
                                Detail =
                                    "Too many login attempts for this user from this address; wait a minute and try again.",
                            },
                        }
                    );
            };
        });

    /// <summary>Reads the user name of a login request (small bodies only) so the limiter can partition by it, then the limiter.</summary>
    public static IApplicationBuilder UseWorkflowsLoginRateLimit(this IApplicationBuilder app)
    {
        app.Use(
            async (http, next) =>
            {
                if (IsLogin(http.Request) && http.Request.ContentLength is null or <= MaxPeekBytes)
                {
                    http.Request.EnableBuffering();
                    var buffer = new byte[MaxPeekBytes + 1];
                    var length = 0;
                    int read;
                    while (
                        length < buffer.Length
                        && (
                            read = await http.Request.Body.ReadAsync(
                                buffer.AsMemory(length),
                                http.RequestAborted
                            )
                        ) > 0
                    )
                        length += read;
                    http.Request.Body.Position = 0;
                    if (length <= MaxPeekBytes)
                        http.Items[UserNameItem] = PeekUserName(buffer.AsSpan(0, length));
                }
                await next(http);
            }
        );
        return app.UseRateLimiter();
    }

    // The endpoint answers malformed JSON itself; such attempts count against the address's nameless partition.
    private static string? PeekUserName(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUser =
                    reader.ValueTextEquals("userName"u8)
                    || reader.ValueTextEquals("UserName"u8)
                    || reader.ValueTextEquals("username"u8);
                if (!reader.Read())
                    return null;
                if (isUser)
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException) { }
        return null;
    }

    private static bool IsLogin(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase);
}
