// POSTs a notification as JSON to a webhook, signed with HMAC-SHA256 in X-Workflows-Signature.
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Notifications;

/// <summary>The webhook channel.</summary>
public sealed class WebhookSender(
    IHttpClientFactory http,
    IOptionsMonitor<NotificationOptions> options
)
{
    /// <summary>The signature header: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body with the webhook's secret.</summary>
    public const string SignatureHeader = "X-Workflows-Signature";

    /// <summary>Sends one row to the webhook it names; throws on a non-success answer or a network failure.</summary>
    public async Task SendAsync(NotificationEntity row, CancellationToken ct)
    {
        var hook =
            options.CurrentValue.Webhooks.FirstOrDefault(w => w.Name == row.Recipient)
            ?? throw new InvalidOperationException(
                $"No webhook named '{row.Recipient}' is configured."
            );
        var json = JsonSerializer.Serialize(
            new
            {
                id = row.Id,
                kind = row.Kind,
                subject = row.Subject,
                body = row.Body,
                instanceId = row.InstanceId,
                taskId = row.TaskId,
                createdAt = row.CreatedAt,
                dedupKey = row.DedupKey,
            },
            JsonSerializerOptions.Web
        );
        var bytes = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json")
        {
            CharSet = "utf-8",
        };
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(hook.Secret, bytes));
        using var client = http.CreateClient("webhooks");
        using var response = await client.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"Webhook '{hook.Name}' answered {(int)response.StatusCode}."
            );
    }

    /// <summary>The header value for a body.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256="
        + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
