// Converts case variables (System.Text.Json nodes) to JavaScript values and back.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using JsEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// JSON ↔ JavaScript. Numbers, strings, booleans, null, arrays and objects map one to one; a JavaScript Date becomes
/// its ISO 8601 string; functions, symbols and undefined object members are dropped (as <c>JSON.stringify</c> does).
/// </summary>
internal static class JsonJsConverter
{
    /// <summary>Deeper values are refused: they are either cyclic or not case data.</summary>
    public const int MaxDepth = 64;

    public static JsValue ToJs(JsEngine engine, JsonNode? node, int depth = 0)
    {
        if (depth > MaxDepth)
            throw new ExpressionException($"a variable is nested deeper than {MaxDepth} levels");
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject obj:
            {
                var result = new JsObject(engine);
                foreach (var (key, value) in obj)
                    result.Set(key, ToJs(engine, value, depth + 1));
                return result;
            }
            case JsonArray array:
            {
                var items = new JsValue[array.Count];
                for (var i = 0; i < items.Length; i++)
                    items[i] = ToJs(engine, array[i], depth + 1);
                return new JsArray(engine, items);
            }
            default:
                return ToJs((JsonValue)node);
        }
    }

    private static JsValue ToJs(JsonValue value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.True => JsBoolean.True,
            JsonValueKind.False => JsBoolean.False,
            JsonValueKind.Number => new JsNumber(ReadDouble(value)),
            JsonValueKind.String => new JsString(
                value.TryGetValue<string>(out var s)
                    ? s
                    : JsonSerializer.Deserialize<string>(value.ToJsonString())!
            ),
            _ => JsValue.Null,
        };

    // A JsonValue built from a CLR number only answers TryGetValue for its own type; the JSON text always parses.
    private static double ReadDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var d))
            return d;
        if (value.TryGetValue<long>(out var l))
            return l;
        if (value.TryGetValue<int>(out var i))
            return i;
        if (value.TryGetValue<decimal>(out var m))
            return (double)m;
        return double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Converts a JavaScript value to JSON; <paramref name="omit"/> is true for values JSON has no place for.</summary>
    /// <exception cref="ExpressionException">The value is cyclic, nested too deeply, or holds more than <paramref name="maxValues"/> values.</exception>
    public static JsonNode? ToJson(JsValue value, out bool omit, int maxValues) =>
        ToJson(value, out omit, new ValueBudget(maxValues));

    /// <summary>As <see cref="ToJson(JsValue, out bool, int)"/>, drawing on a budget shared by several conversions.</summary>
    public static JsonNode? ToJson(JsValue value, out bool omit, ValueBudget budget) =>
        ToJson(value, out omit, budget, 0);

    private static JsonNode? ToJson(JsValue value, out bool omit, ValueBudget budget, int depth)
    {
        omit = false;
        if (depth > MaxDepth)
            throw new ExpressionException(
                $"the result is nested deeper than {MaxDepth} levels or refers to itself"
            );
        budget.Spend();
        switch (value)
        {
            case JsNumber number:
                return FromDouble(number.AsNumber());
            case JsString:
                return JsonValue.Create(value.AsString());
            case JsBoolean:
                return JsonValue.Create(value.AsBoolean());
            case JsDate date:
                return date.DateValue is var ms && double.IsFinite(ms)
                    ? JsonValue.Create(
                        DateTimeOffset
                            .FromUnixTimeMilliseconds((long)ms)
                            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                    )
                    : null;
            case JsArray array:
            {
                var result = new JsonArray();
                var length = array.Length;
                for (uint i = 0; i < length; i++)
                    result.Add(ToJson(array.Get(i), out _, budget, depth + 1));
                return result;
            }
            case ObjectInstance obj when obj is not Function:
            {
                var result = new JsonObject();
                foreach (var (key, descriptor) in obj.GetOwnProperties())
                {
                    if (!key.IsString() || !descriptor.Enumerable)
                        continue;
                    var member = ToJson(obj.Get(key), out var skip, budget, depth + 1);
                    if (!skip)
                        result[key.AsString()] = member;
                }
                return result;
            }
            default:
                if (value.IsNull())
                    return null;
                // undefined, functions, symbols: nothing to store.
                omit = value.IsUndefined() || value is Function || value.IsSymbol();
                if (!omit && value.IsBigInt())
                    return JsonValue.Create(value.ToString());
                return null;
        }
    }

    private static JsonValue? FromDouble(double d)
    {
        if (!double.IsFinite(d))
            return null;
        // Integers stay integers in the JSON text (1, not 1.0), as long as a double holds them exactly.
        if (
            Math.Abs(d) <= 9007199254740992d
            && d == Math.Floor(d)
            && !(d == 0 && double.IsNegative(d))
        )
            return JsonValue.Create((long)d);
        return JsonValue.Create(d);
    }
}
