// Server-side validation of completion variables against a form-js schema (the same rules the browser form applies).
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Validates and types variables against a form-js schema: <c>validate.required</c>, the type of each component
/// (textfield/textarea → string, number → number, checkbox → bool, select/radio → one of <c>values</c>,
/// checklist/taglist → array of values, datetime → ISO date), <c>validate.pattern</c>, <c>min/max</c>,
/// <c>minLength/maxLength</c>. Every failing field is reported at once. Values arriving as strings ("12", "true") are
/// written back typed. Variables the form does not know pass through untouched.
/// </summary>
public static class FormValidator
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns the typed variables.</summary>
    /// <exception cref="FormValidationException">At least one field fails.</exception>
    public static JsonObject Validate(string schemaJson, JsonObject? variables)
    {
        var schema = JsonNode.Parse(schemaJson)?.AsObject() ?? [];
        var result = variables is null ? [] : (JsonObject)variables.DeepClone();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var component in Fields(schema))
            Check(component, result, errors);
        if (errors.Count > 0)
            throw new FormValidationException(
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal)
            );
        return result;
    }

    private static IEnumerable<JsonObject> Fields(JsonObject container)
    {
        if (container["components"] is not JsonArray components)
            yield break;
        foreach (var c in components.OfType<JsonObject>())
        {
            if (
                c["key"] is JsonValue k
                && k.TryGetValue<string>(out _)
                && (string?)c["type"]
                    is not ("button" or "text" or "spacer" or "separator" or "image" or "html")
            )
                yield return c;
            else if (c["components"] is JsonArray)
                foreach (var nested in Fields(c))
                    yield return nested;
        }
    }

    private static void Check(
        JsonObject component,
        JsonObject values,
        Dictionary<string, List<string>> errors
    )
    {
        var key = (string)component["key"]!;
        var type = (string?)component["type"] ?? "textfield";
        var validate = component["validate"] as JsonObject;
        var required =
            validate?["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req;
        var value = values[key];
        void Fail(string message) =>
            (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        if (
            value is null
            || (
                value is JsonValue sv
                && sv.TryGetValue<string>(out var s0)
                && s0.Length == 0
                && type != "checkbox"
            )
            || (value is JsonArray a0 && a0.Count == 0)
        )
        {
            if (required)
                Fail($"'{key}' is required.");
            return;
        }
        switch (type)
        {
            case "number":
                if (AsNumber(value) is not { } number)
                {
                    Fail($"'{key}' must be a number.");
                    return;
                }
                values[key] = JsonValue.Create(number);
                if (Limit(validate, "min") is { } min && number < min)
                    Fail($"'{key}' must be at least {min.ToString(CultureInfo.InvariantCulture)}.");
                if (Limit(validate, "max") is { } max && number > max)
                    Fail($"'{key}' must be at most {max.ToString(CultureInfo.InvariantCulture)}.");
                return;
            case "checkbox":
                if (AsBool(value) is not { } flag)
                {
                    Fail($"'{key}' must be true or false.");
                    return;
                }
                if (required && !flag)
                    Fail($"'{key}' must be checked.");
                values[key] = JsonValue.Create(flag);
                return;
            case "select" or "radio":
                if (value is not JsonValue v)
                {
                    Fail($"'{key}' must be one of the offered values.");
                    return;
                }
                var choice = v.TryGetValue<string>(out var cs) ? cs : v.ToJsonString();
                if (Allowed(component) is { } allowed && !allowed.Contains(choice))
                    Fail($"'{key}' must be one of: {string.Join(", ", allowed)}.");
                return;
            case "checklist" or "taglist":
                if (
                    value is not JsonArray items
                    || items.Any(i => i is not JsonValue iv || !iv.TryGetValue<string>(out _))
                )
                {
                    Fail($"'{key}' must be a list of values.");
                    return;
                }
                if (Allowed(component) is { } options)
                    foreach (
                        var bad in items.Select(i => (string)i!).Where(i => !options.Contains(i))
                    )
                        Fail(
                            $"'{key}' contains '{bad}', which is not one of: {string.Join(", ", options)}."
                        );
                return;
            case "datetime":
                if (
                    value is not JsonValue dv
                    || !dv.TryGetValue<string>(out var text)
                    || !(
                        DateOnly.TryParseExact(
                            text,
                            "yyyy-MM-dd",
                            CultureInfo.InvariantCulture,
                            DateTimeStyles.None,
                            out _
                        )
                        || DateTimeOffset.TryParse(
                            text,
                            CultureInfo.InvariantCulture,
                            DateTimeStyles.RoundtripKind,
                            out _
                        )
                        || TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out _)
                    )
                )
                    Fail($"'{key}' must be an ISO date (yyyy-MM-dd or an ISO 8601 date-time).");
                return;
            default:
                if (value is not JsonValue tv || !tv.TryGetValue<string>(out var str))
                {
                    Fail($"'{key}' must be text.");
                    return;
                }
                if (Limit(validate, "minLength") is { } minLength && str.Length < minLength)
                    Fail($"'{key}' must have at least {minLength} characters.");
                if (Limit(validate, "maxLength") is { } maxLength && str.Length > maxLength)
                    Fail($"'{key}' must have at most {maxLength} characters.");
                if (
                    validate?["pattern"] is JsonValue pv
                    && pv.TryGetValue<string>(out var pattern)
                    && pattern.Length > 0
                    && !Matches(str, pattern)
                )
                    Fail($"'{key}' does not have the expected format.");
                return;
        }
    }

    private static bool Matches(string value, string pattern)
    {
        try
        {
            // form-js tests the pattern against the whole value.
            return Regex.IsMatch(
                value,
                $"^(?:{pattern})$",
                RegexOptions.CultureInvariant,
                RegexBudget
            );
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static HashSet<string>? Allowed(JsonObject component) =>
        component["values"] is JsonArray values
            ? values
                .OfType<JsonObject>()
                .Select(v => v["value"]?.ToString())
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal)
            : null; // values from an expression or a variable are not known here

    private static decimal? Limit(JsonObject? validate, string name) =>
        validate?[name] is { } node ? AsNumber(node) : null;

    private static decimal? AsNumber(JsonNode node) =>
        node is JsonValue v
            ? v.TryGetValue<decimal>(out var d)
                ? d
                : v.TryGetValue<string>(out var s)
                && decimal.TryParse(
                    s,
                    NumberStyles.Float,
                    CultureInfo.InvariantCulture,
                    out var parsed
                )
                    ? parsed
                    : null
            : null;

    private static bool? AsBool(JsonNode node) =>
        node is JsonValue v
            ? v.TryGetValue<bool>(out var b)
                ? b
                : v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed)
                    ? parsed
                    : null
            : null;
}
