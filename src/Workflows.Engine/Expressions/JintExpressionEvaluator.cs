// The JavaScript expression evaluator: Jint in a sandbox, one engine per evaluation, parsed scripts cached.
using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Function = Jint.Native.Function.Function;
using JsEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// <see cref="IExpressionEvaluator"/> on Jint. Case variables are globals; <c>execution.getVariable(name)</c> and
/// <c>execution.setVariable(name, value)</c> work as in Camunda. No CLR access, no <c>eval</c> or <c>Function</c>
/// constructor, no wall clock (see <see cref="ExpressionOptions.Clock"/>), no <c>Math.random</c>; time, statement, recursion and memory limits
/// from <see cref="ExpressionOptions"/>. Thread-safe: each evaluation gets its own engine; parsed scripts are shared.
/// </summary>
public sealed class JintExpressionEvaluator : IExpressionEvaluator
{
    private const string ExecutionName = "execution";

    private readonly ExpressionOptions _options;
    private readonly SandboxTimeSystem _timeSystem;
    private readonly ScriptCache _cache;
    private readonly FrozenSet<string> _reservedGlobals;

    /// <summary>Creates an evaluator; <paramref name="options"/> defaults to <see cref="ExpressionOptions.Default"/>.</summary>
    public JintExpressionEvaluator(ExpressionOptions? options = null)
    {
        _options = options ?? ExpressionOptions.Default;
        _timeSystem = new SandboxTimeSystem(_options.Clock, _options.TimeZone);
        _cache = new ScriptCache(_options.CacheCapacity);
        var probe = CreateEngine(new Dictionary<string, JsValue>(), new JsonObject());
        _reservedGlobals = GlobalNames(probe).ToFrozenSet(StringComparer.Ordinal);
        // Compiles Jint's hot paths now, so the first real evaluation is not charged for it against its time limit.
        try
        {
            EvaluateCondition(
                "${x == 1 and not empty y}",
                new JsonObject { ["x"] = 1, ["y"] = "y" }
            );
        }
        catch (ExpressionException)
        {
            // A machine too busy to warm up within the time limit must still be able to construct the evaluator.
        }
    }

    /// <inheritdoc />
    public JsonNode? Evaluate(string expression, JsonObject variables) =>
        Run(
            expression,
            ScriptKind.Expression,
            variables,
            writeBack: false,
            value => JsonJsConverter.ToJson(value, out _, _options.MaxResultValues)
        );

    /// <inheritdoc />
    public bool EvaluateCondition(string expression, JsonObject variables) =>
        Run(
            expression,
            ScriptKind.Expression,
            variables,
            writeBack: false,
            TypeConverter.ToBoolean
        );

    /// <inheritdoc />
    public JsonNode? RunScript(string script, JsonObject variables) =>
        Run(
            script,
            ScriptKind.Script,
            variables,
            writeBack: true,
            value => JsonJsConverter.ToJson(value, out _, _options.MaxResultValues)
        );

    /// <inheritdoc />
    public string? EvaluateTemplate(string text, JsonObject variables) =>
        CamundaExpressionTranslator.HasPlaceholder(text)
            ? Run(
                text,
                ScriptKind.Template,
                variables,
                writeBack: false,
                value =>
                    value.IsNull() || value.IsUndefined() ? null : TypeConverter.ToString(value)
            )
            : text;

    /// <inheritdoc />
    public string? CheckSyntax(string expressionOrScript, bool isScript) =>
        Compile(expressionOrScript, isScript ? ScriptKind.Script : ScriptKind.Expression).Error;

    private T Run<T>(
        string source,
        ScriptKind kind,
        JsonObject variables,
        bool writeBack,
        Func<JsValue, T> read
    )
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = Compile(source, kind);
        if (compiled.Script is not { } script)
            throw new ExpressionException(compiled.Error!);
        try
        {
            var hidden = new Dictionary<string, JsValue>(StringComparer.Ordinal);
            var engine = CreateEngine(hidden, variables);
            foreach (var (name, node) in variables)
                if (!_reservedGlobals.Contains(name))
                    engine.SetValue(name, JsonJsConverter.ToJs(engine, node));
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var value = engine.Evaluate(script);
            // Jint checks memory between statements; one native call ('x'.repeat(1e8)) is caught here, after the fact.
            if (
                _options.MemoryLimitBytes > 0
                && GC.GetAllocatedBytesForCurrentThread() - allocatedBefore
                    > _options.MemoryLimitBytes
            )
                throw new MemoryLimitExceededException("allocated past the limit in a single call");
            var result = read(value);
            if (writeBack)
                WriteBack(engine, hidden, variables);
            return result;
        }
        catch (Exception error)
        {
            throw ExpressionErrors.Translate(error, _options);
        }
    }

    private CompiledScript Compile(string source, ScriptKind kind) =>
        _cache.GetOrAdd(
            source,
            kind,
            (text, how) =>
            {
                try
                {
                    var javaScript = how switch
                    {
                        ScriptKind.Expression => CamundaExpressionTranslator.ToJavaScript(text),
                        ScriptKind.Template => CamundaExpressionTranslator.TemplateToJavaScript(
                            text
                        ),
                        _ => text,
                    };
                    return new CompiledScript(
                        JsEngine.PrepareScript(
                            javaScript,
                            how == ScriptKind.Script ? "script" : "expression",
                            _options.Strict
                        ),
                        null
                    );
                }
                catch (Exception error)
                {
                    // Positions in a translated ${...} expression refer to its JavaScript translation.
                    const string JintPrefix = "Could not prepare script: ";
                    var message = error.Message.StartsWith(JintPrefix, StringComparison.Ordinal)
                        ? error.Message[JintPrefix.Length..]
                        : error.Message;
                    return new CompiledScript(null, $"syntax error: {message}");
                }
            }
        );

    // hidden: values set through execution.setVariable under a name a global cannot take (e.g. "Math").
    private JsEngine CreateEngine(Dictionary<string, JsValue> hidden, JsonObject variables)
    {
        var engine = new JsEngine(o =>
        {
            o.TimeoutInterval(_options.Timeout);
            o.MaxStatements(_options.MaxStatements);
            o.LimitRecursion(_options.MaxRecursionDepth);
            o.LimitMemory(_options.MemoryLimitBytes);
            o.MaxArraySize(_options.MaxArraySize);
            o.Strict(_options.Strict);
            o.DisableStringCompilation();
            o.Constraints.RegexTimeout = _options.Timeout;
            o.TimeSystem = _timeSystem;
        });
        // Like the clock, randomness would make a script's outcome depend on more than its variables.
        engine.GetValue("Math").AsObject().Delete("random");
        engine.SetValue(
            CamundaExpressionTranslator.EmptyHelper,
            new Jint.Runtime.Interop.ClrFunction(
                engine,
                "empty",
                (_, args) => JsonHelpers.IsEmpty(Arg(args))
            )
        );
        engine.SetValue(
            CamundaExpressionTranslator.TextHelper,
            new Jint.Runtime.Interop.ClrFunction(
                engine,
                "text",
                (_, args) => JsonHelpers.ToText(Arg(args), _options.MaxResultValues)
            )
        );
        var execution = new JsObject(engine);
        execution.Set(
            "getVariable",
            new Jint.Runtime.Interop.ClrFunction(
                engine,
                "getVariable",
                (_, args) =>
                {
                    var name = TypeConverter.ToString(Arg(args));
                    if (hidden.TryGetValue(name, out var value))
                        return value;
                    if (_reservedGlobals?.Contains(name) == true)
                        return variables.TryGetPropertyValue(name, out var node)
                            ? JsonJsConverter.ToJs(engine, node)
                            : JsValue.Null;
                    var global = engine.Global.Get(name);
                    return global.IsUndefined() ? JsValue.Null : global;
                },
                1
            )
        );
        execution.Set(
            "setVariable",
            new Jint.Runtime.Interop.ClrFunction(
                engine,
                "setVariable",
                (_, args) =>
                {
                    var name = TypeConverter.ToString(Arg(args));
                    var value = args.Length > 1 ? args[1] : JsValue.Undefined;
                    if (_reservedGlobals?.Contains(name) == true)
                        hidden[name] = value;
                    else
                        engine.Global.Set(name, value);
                    return JsValue.Undefined;
                },
                2
            )
        );
        engine.SetValue(ExecutionName, execution);
        return engine;
    }

    private void WriteBack(
        JsEngine engine,
        Dictionary<string, JsValue> hidden,
        JsonObject variables
    )
    {
        var changes = new List<(string Name, JsonNode? Value)>();
        var budget = new ValueBudget(_options.MaxResultValues);
        foreach (var name in GlobalNames(engine))
        {
            if (_reservedGlobals.Contains(name))
                continue;
            Collect(name, engine.Global.Get(name));
        }
        foreach (var (name, value) in hidden)
            Collect(name, value);
        // Applied only once every value converted, so a failing conversion leaves the variables untouched.
        foreach (var (name, value) in changes)
            variables[name] = value;

        void Collect(string name, JsValue value)
        {
            if (value is Function)
                return;
            var json = JsonJsConverter.ToJson(value, out var omit, budget);
            var exists = variables.TryGetPropertyValue(name, out var old);
            if (omit && !exists)
                return;
            if (!exists || !JsonNode.DeepEquals(old, json))
                changes.Add((name, json));
        }
    }

    private static IEnumerable<string> GlobalNames(JsEngine engine) =>
        engine
            .Global.GetOwnProperties()
            .Select(p => p.Key)
            .Where(k => k.IsString())
            .Select(k => k.AsString())
            .ToList();

    private static JsValue Arg(JsValue[] args) => args.Length > 0 ? args[0] : JsValue.Undefined;
}
