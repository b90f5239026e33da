// The sandbox: limits end runaway scripts with a clear error, and nothing outside JavaScript is reachable.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class SandboxTests
{
    // Default limits: these tests are about them.
    private readonly JintExpressionEvaluator _evaluator = new();
    private readonly JintExpressionEvaluator _patient = TestEvaluators.Patient();

    [Fact]
    public void Infinite_loop_is_stopped_by_a_limit()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("while (true) {}", new JsonObject())
        );
        Assert.Matches("exceeded the (statement|\\d+ ms time) limit", error.Message);
    }

    [Fact]
    public void Infinite_loop_is_stopped_by_the_time_limit_when_statements_are_unlimited()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions
            {
                MaxStatements = 0,
                MemoryLimitBytes = 0,
                Timeout = TimeSpan.FromMilliseconds(50),
            }
        );
        var error = Assert.Throws<ExpressionException>(() =>
            evaluator.RunScript("var i = 0; while (true) { i++; }", new JsonObject())
        );
        Assert.Equal("script exceeded the 50 ms time limit", error.Message);
    }

    [Fact]
    public void Statement_limit_is_reported_with_its_size()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions { MaxStatements = 1_000, Timeout = TimeSpan.FromSeconds(30) }
        );
        var error = Assert.Throws<ExpressionException>(() =>
            evaluator.RunScript("for (var i = 0; i < 1e9; i++) {}", new JsonObject())
        );
        Assert.Equal("script exceeded the statement limit of 1000 statements", error.Message);
    }

    [Fact]
    public void Deep_recursion_hits_the_recursion_limit()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.RunScript("function f(n) { return f(n + 1); } f(0);", new JsonObject())
        );
        Assert.Equal("script exceeded the recursion limit of 64 nested calls", error.Message);
    }

    [Fact]
    public void Memory_bomb_is_stopped_by_a_limit()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript(
                "var a = []; while (true) a.push(new Array(1e6).join('x'));",
                new JsonObject()
            )
        );
        Assert.Matches("exceeded the (memory|\\d+ ms time) limit", error.Message);
    }

    [Fact]
    public void Memory_bomb_hits_the_memory_limit_when_time_is_generous()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions { Timeout = TimeSpan.FromSeconds(60) }
        );
        var error = Assert.Throws<ExpressionException>(() =>
            evaluator.RunScript(
                "var a = []; while (true) a.push(new Array(1e6).join('x'));",
                new JsonObject()
            )
        );
        Assert.Equal("script exceeded the memory limit of 4 MB", error.Message);
    }

    [Fact]
    public void Allocation_in_a_single_call_is_held_to_the_memory_limit()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions { Timeout = TimeSpan.FromSeconds(60) }
        );
        var error = Assert.Throws<ExpressionException>(() =>
            evaluator.Evaluate("'x'.repeat(1e7).length", new JsonObject())
        );
        Assert.Equal("script exceeded the memory limit of 4 MB", error.Message);
    }

    [Fact]
    public void Huge_array_is_refused()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("var a = new Array(1e9).fill(0);", new JsonObject())
        );
        Assert.Contains("limit", error.Message);
    }

    [Fact]
    public void Huge_sparse_array_result_is_refused_without_walking_it()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.RunScript("var a = []; a.length = 4e9;", new JsonObject())
        );
        Assert.Equal("the result holds more than 100000 values", error.Message);
    }

    [Fact]
    public void Catastrophic_regex_is_stopped_by_the_time_limit()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.Evaluate(
                "/(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')",
                new JsonObject()
            )
        );
        Assert.Matches("exceeded the \\d+ ms time limit", error.Message);
    }

    [Fact]
    public void Runaway_getter_reached_while_reading_results_is_stopped()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("var o = { get x() { while (true) {} } };", new JsonObject())
        );
        Assert.Matches("exceeded the (statement|\\d+ ms time) limit", error.Message);
    }

    [Theory]
    [InlineData("var p = new Proxy({}, { ownKeys() { while (true) {} } });")]
    [InlineData("var p = new Proxy({ a: 1 }, { get() { while (true) {} } });")]
    public void Proxy_traps_are_not_run_while_reading_results(string script)
    {
        var vars = new JsonObject();
        _evaluator.RunScript(script, vars);
        Assert.IsType<JsonObject>(vars["p"]);
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')")]
    [InlineData("importNamespace('System')")]
    [InlineData("require('fs')")]
    [InlineData("fetch('http://example.com')")]
    [InlineData("new XMLHttpRequest()")]
    public void Host_access_is_not_defined(string script)
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.RunScript(script, new JsonObject())
        );
        Assert.StartsWith("ReferenceError", error.Message);
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof require")]
    [InlineData("typeof fetch")]
    [InlineData("typeof XMLHttpRequest")]
    [InlineData("typeof host")]
    [InlineData("typeof clr")]
    public void Host_objects_are_undefined(string expression)
    {
        Assert.Equal(
            "undefined",
            _patient.Evaluate(expression, new JsonObject())!.GetValue<string>()
        );
    }

    [Fact]
    public void Helper_functions_do_not_reach_the_clr()
    {
        Assert.Equal(
            "undefined",
            _patient
                .Evaluate("typeof execution.setVariable.getType", new JsonObject())!
                .GetValue<string>()
        );
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("new Function('return 1')()")]
    [InlineData("execution.setVariable.constructor('return 1')()")]
    public void Code_from_strings_is_refused(string script)
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.RunScript(script, new JsonObject())
        );
        Assert.Contains("String compilation has been disabled", error.Message);
    }

    [Fact]
    public void Wall_clock_is_unavailable_without_a_configured_clock()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.Evaluate("Date.now()", new JsonObject())
        );
        Assert.Contains("must not read the wall clock", error.Message);
        Assert.Throws<ExpressionException>(() =>
            _patient.Evaluate("new Date().getTime()", new JsonObject())
        );
    }

    [Fact]
    public void Now_comes_from_the_configured_clock()
    {
        var evaluator = TestEvaluators.Patient(
            new ExpressionOptions
            {
                Clock = new FixedClock(new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero)),
            }
        );
        Assert.Equal(
            "2025-05-06T07:08:09.000Z",
            evaluator.Evaluate("new Date().toISOString()", new JsonObject())!.GetValue<string>()
        );
        Assert.Equal(
            1746515289000,
            evaluator.Evaluate("Date.now()", new JsonObject())!.GetValue<long>()
        );
    }

    [Fact]
    public void Math_random_is_unavailable()
    {
        Assert.Equal(
            "undefined",
            _patient.Evaluate("typeof Math.random", new JsonObject())!.GetValue<string>()
        );
        Assert.Equal(3, _patient.Evaluate("Math.max(1, 3)", new JsonObject())!.GetValue<long>());
    }

    [Fact]
    public void Explicit_dates_work_without_a_clock()
    {
        Assert.Equal(
            2025,
            _patient
                .Evaluate("new Date('2025-01-02T00:00:00Z').getUTCFullYear()", new JsonObject())!
                .GetValue<long>()
        );
    }

    [Fact]
    public void Cyclic_result_is_an_expression_error()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _patient.RunScript("var a = {}; a.self = a;", new JsonObject())
        );
        Assert.Contains("refers to itself", error.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
