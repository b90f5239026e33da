// Script tasks: variables written back, execution.setVariable, JSON round trips.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class ScriptTests
{
    private readonly JintExpressionEvaluator _evaluator = TestEvaluators.Patient();

    [Fact]
    public void Script_assignment_to_an_existing_variable_is_written_back()
    {
        var vars = new JsonObject { ["count"] = 1 };
        _evaluator.RunScript("count = count + 1;", vars);
        Assert.Equal(2, vars["count"]!.GetValue<long>());
    }

    [Fact]
    public void Script_var_declares_a_new_variable()
    {
        var vars = new JsonObject { ["amount"] = 250 };
        _evaluator.RunScript("var fee = amount * 0.1; var tier = fee > 20 ? 'high' : 'low';", vars);
        Assert.Equal(25, vars["fee"]!.GetValue<long>());
        Assert.Equal("high", vars["tier"]!.GetValue<string>());
    }

    [Fact]
    public void Let_and_const_and_functions_stay_local_to_the_script()
    {
        var vars = new JsonObject();
        _evaluator.RunScript(
            "let tmp = 1; const k = 2; function helper() { return 3; } var result = tmp + k + helper();",
            vars
        );
        Assert.Equal("""{"result":6}""", vars.ToJsonString());
    }

    [Fact]
    public void Execution_setVariable_writes_a_variable()
    {
        var vars = new JsonObject { ["amount"] = 10 };
        _evaluator.RunScript(
            "execution.setVariable('approved', execution.getVariable('amount') < 100); execution.setVariable('my-key', 'v');",
            vars
        );
        Assert.True(vars["approved"]!.GetValue<bool>());
        Assert.Equal("v", vars["my-key"]!.GetValue<string>());
    }

    [Fact]
    public void Execution_setVariable_accepts_a_name_that_collides_with_a_builtin()
    {
        var vars = new JsonObject { ["Math"] = 1 };
        _evaluator.RunScript(
            "execution.setVariable('Math', execution.getVariable('Math') + 1); var x = Math.max(1, 2);",
            vars
        );
        Assert.Equal(2, vars["Math"]!.GetValue<long>());
        Assert.Equal(2, vars["x"]!.GetValue<long>());
    }

    [Fact]
    public void Nested_objects_and_arrays_round_trip_and_mutations_are_kept()
    {
        var vars = JsonNode
            .Parse(
                """{"applicant":{"name":"Ana","children":[{"name":"Bo","age":7}],"score":9.5,"ok":true,"note":null}}"""
            )!
            .AsObject();
        _evaluator.RunScript(
            "applicant.children.push({ name: 'Cy', age: 4 }); applicant.name = 'Ana Li';",
            vars
        );
        Assert.Equal(
            """{"applicant":{"name":"Ana Li","children":[{"name":"Bo","age":7},{"name":"Cy","age":4}],"score":9.5,"ok":true,"note":null}}""",
            vars.ToJsonString()
        );
    }

    [Fact]
    public void Unchanged_variables_keep_their_original_nodes()
    {
        var original = new JsonObject { ["x"] = 1.0 };
        var vars = new JsonObject { ["obj"] = original };
        _evaluator.RunScript("var y = 1;", vars);
        Assert.Same(original, vars["obj"]);
    }

    [Fact]
    public void Dates_become_iso_strings()
    {
        var vars = new JsonObject { ["submitted"] = "2025-03-01T08:00:00Z" };
        _evaluator.RunScript("var due = new Date(Date.parse(submitted) + 2 * 86400000);", vars);
        Assert.Equal("2025-03-03T08:00:00.000Z", vars["due"]!.GetValue<string>());
    }

    [Fact]
    public void Script_returns_its_completion_value()
    {
        Assert.Equal(
            42,
            _evaluator.RunScript("var a = 40; a + 2;", new JsonObject())!.GetValue<long>()
        );
    }

    [Fact]
    public void Failing_script_leaves_variables_unchanged()
    {
        var vars = new JsonObject { ["count"] = 1 };
        Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("count = 2; throw new Error('stop');", vars)
        );
        Assert.Equal(1, vars["count"]!.GetValue<int>());
    }

    [Fact]
    public void Strict_mode_refuses_an_undeclared_assignment()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("typo = 1;", new JsonObject())
        );
        Assert.Contains("ReferenceError", error.Message);
    }
}
