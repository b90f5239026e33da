using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflows.Server.Api;

/// <summary>
/// Reads a JSON request body by hand so that a wrong shape is a 400 naming the field (<c>variables</c>,
/// <c>definitionKey</c>…) rather than a generic binding failure.
/// </summary>
public static class JsonBody
{
    // The request's parsed body (a JsonObject) or why it is not one (a BadFieldException), so that a filter that looks
    // into the body (IdempotencyFilter: requestId) and the handler read the stream, and parse it, once between them.
    private static readonly object Parsed = new();

    /// <summary>
    /// Reads the body as a JSON object; an empty body is an empty object. The body is parsed once per request: a second
    /// call (the handler after a filter) gets the same object, or the same error.
    /// </summary>
    /// <exception cref="BadFieldException">Not JSON, or not an object.</exception>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var items = request.HttpContext.Items;
        switch (items.TryGetValue(Parsed, out var parsed) ? parsed : null)
        {
            case JsonObject kept:
                return kept;
            case BadFieldException bad:
                throw new BadFieldException(bad.Field, bad.Message);
        }
        try
        {
            var body = await ParseObjectAsync(request, ct);
            items[Parsed] = body;
            return body;
        }
        catch (BadFieldException ex)
        {
            items[Parsed] = ex;
            throw;
        }
    }

    private static async Task<JsonObject> ParseObjectAsync(
        HttpRequest request,
        CancellationToken ct
    )
    {
        if (request.ContentLength is 0)
            return [];
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            throw new BadFieldException("body", $"The body is not valid JSON: {ex.Message}");
        }
        return node switch
        {
            null => [],
            JsonObject o => o,
            _ => throw new BadFieldException("body", "The body must be a JSON object."),
        };
    }

    /// <summary>An optional string field.</summary>
    public static string? String(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => throw new BadFieldException(field, $"'{field}' must be a string."),
        };

    /// <summary>A required string field.</summary>
    public static string RequiredString(JsonObject body, string field) =>
        String(body, field) is { Length: > 0 } s
            ? s
            : throw new BadFieldException(field, $"'{field}' is required.");

    /// <summary>An optional integer field.</summary>
    public static int? Int(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<int>(out var i) => i,
            _ => throw new BadFieldException(field, $"'{field}' must be an integer."),
        };

    /// <summary>An optional object field (e.g. <c>variables</c>), detached from the body.</summary>
    public static JsonObject? Object(JsonObject body, string field) =>
        body[field] switch
        {
            null => null,
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new BadFieldException(
                field,
                $"'{field}' must be a JSON object of name → value."
            ),
        };
}

/// <summary>A request field is missing or has the wrong shape (400 naming the field).</summary>
public sealed class BadFieldException(string field, string message) : Exception(message)
{
    /// <summary>The field's name.</summary>
    public string Field { get; } = field;
}
