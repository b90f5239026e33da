// The JUEL "empty" test and template text conversion, exposed to scripts as hidden helper functions.
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace Workflows.Engine.Expressions;

/// <summary>Semantics shared by the <c>${empty x}</c> and <c>Case ${key}</c> translations.</summary>
internal static class JsonHelpers
{
    /// <summary>JUEL's <c>empty</c>: null, undefined, "", an empty array and an object without members are empty.</summary>
    public static JsValue IsEmpty(JsValue value) =>
        value switch
        {
            _ when value.IsNull() || value.IsUndefined() => JsBoolean.True,
            JsString => value.AsString().Length == 0 ? JsBoolean.True : JsBoolean.False,
            JsArray array => array.Length == 0 ? JsBoolean.True : JsBoolean.False,
            ObjectInstance obj when obj is not Function => obj.GetOwnProperties()
                .Any(p => p.Key.IsString() && p.Value.Enumerable)
                ? JsBoolean.False
                : JsBoolean.True,
            _ => JsBoolean.False,
        };

    /// <summary>A value as template text: null is empty text, dates are ISO 8601, objects and arrays are JSON.</summary>
    public static JsValue ToText(JsValue value, int maxValues)
    {
        if (value.IsNull() || value.IsUndefined())
            return JsString.Empty;
        if (value is JsDate)
            return new JsString(
                JsonJsConverter.ToJson(value, out _, maxValues)?.GetValue<string>() ?? ""
            );
        if (value is ObjectInstance and not Function)
            return new JsString(
                JsonJsConverter.ToJson(value, out _, maxValues)?.ToJsonString() ?? ""
            );
        return new JsString(TypeConverter.ToString(value));
    }
}
