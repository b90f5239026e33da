// Resolves model attribute values that may hold `${...}` expressions (assignee, due date, timer values, inputs).
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Runtime.Execution;

internal static partial class Templates
{
    [GeneratedRegex(@"[\$#]\{[^}]*\}")]
    private static partial Regex Placeholder();

    public static bool IsExpression(string text) =>
        text.Contains("${", StringComparison.Ordinal)
        || text.Contains("#{", StringComparison.Ordinal);

    // A value that is exactly one expression keeps its JSON type; a mixed template is text with each expression substituted.
    public static JsonNode? Resolve(
        string text,
        IExpressionEvaluator expressions,
        JsonObject variables
    )
    {
        if (!IsExpression(text))
        {
            return JsonValue.Create(text);
        }

        var trimmed = text.Trim();
        var matches = Placeholder().Matches(trimmed);
        if (matches.Count == 1 && matches[0].Length == trimmed.Length)
        {
            return expressions.Evaluate(trimmed, variables);
        }

        return JsonValue.Create(
            Placeholder()
                .Replace(
                    text,
                    m => AsText(expressions.Evaluate(m.Value, variables)) ?? string.Empty
                )
        );
    }

    public static string? ResolveText(
        string? text,
        IExpressionEvaluator expressions,
        JsonObject variables
    ) => text is null ? null : AsText(Resolve(text, expressions, variables));

    // A list attribute entry may evaluate to an array or a comma-separated string.
    public static IEnumerable<string> ResolveList(
        string entry,
        IExpressionEvaluator expressions,
        JsonObject variables
    )
    {
        var value = Resolve(entry, expressions, variables);
        if (value is JsonArray array)
        {
            return array
                .Select(AsText)
                .Where(s => !string.IsNullOrWhiteSpace(s))
                .Select(s => s!.Trim());
        }

        return (AsText(value) ?? string.Empty).Split(
            ',',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
        );
    }

    public static string? AsText(JsonNode? node) =>
        node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
}
