// Conditions and expressions: JavaScript and Camunda-style ${...}.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class ConditionTests
{
    private readonly JintExpressionEvaluator _evaluator = TestEvaluators.Patient();

    private static JsonObject Vars(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData("amount > 100", true)]
    [InlineData("amount > 1000", false)]
    [InlineData("approved && applicant.country === 'DE'", true)]
    [InlineData("docs.length === 2", true)]
    [InlineData("missingMaterials", false)]
    public void JavaScript_condition_uses_case_variables_as_globals(string condition, bool expected)
    {
        var vars = Vars(
            """{"amount":150,"approved":true,"applicant":{"country":"DE"},"docs":["a","b"],"missingMaterials":null}"""
        );
        Assert.Equal(expected, _evaluator.EvaluateCondition(condition, vars));
    }

    [Theory]
    [InlineData("${a == b}", true)]
    [InlineData("${a != b}", false)]
    [InlineData("${amount > 100 && approved}", true)]
    [InlineData("${amount gt 100 and approved}", true)]
    [InlineData("${amount lt 100 or not approved}", false)]
    [InlineData("${not approved}", false)]
    [InlineData("${a eq 'x' and amount ge 150 and amount le 150}", true)]
    [InlineData("${a ne 'x'}", false)]
    [InlineData("${empty list}", true)]
    [InlineData("${empty applicant.name}", false)]
    [InlineData("${not empty applicant.docs}", true)]
    [InlineData("${empty missing}", true)]
    [InlineData("${empty (applicant.name)}", false)]
    [InlineData("${amount mod 2 == 0}", true)]
    [InlineData("${applicant.name == 'and or not'}", false)]
    [InlineData("#{approved}", true)]
    public void Camunda_expression_is_translated_to_javascript(string condition, bool expected)
    {
        var vars = Vars(
            """{"a":"x","b":"x","amount":150,"approved":true,"list":[],"missing":null,"applicant":{"name":"Li","docs":[1]}}"""
        );
        Assert.Equal(expected, _evaluator.EvaluateCondition(condition, vars));
    }

    [Fact]
    public void Camunda_expression_keeps_the_type_of_its_value()
    {
        var vars = Vars("""{"applicant":{"name":"Ana","age":31}}""");
        Assert.Equal("Ana", _evaluator.Evaluate("${applicant.name}", vars)!.GetValue<string>());
        Assert.Equal(31, _evaluator.Evaluate("${applicant.age}", vars)!.GetValue<long>());
    }

    [Fact]
    public void Word_operator_after_a_dot_is_a_member_name()
    {
        var vars = Vars("""{"flags":{"not":true,"empty":false}}""");
        Assert.True(_evaluator.EvaluateCondition("${flags.not and not flags.empty}", vars));
    }

    [Fact]
    public void Execution_getVariable_reads_a_case_variable()
    {
        var vars = Vars("""{"decision":"approve"}""");
        Assert.True(
            _evaluator.EvaluateCondition("${execution.getVariable('decision') == 'approve'}", vars)
        );
    }

    [Fact]
    public void Expression_results_convert_to_json()
    {
        var result = _evaluator.Evaluate(
            "({ n: 1.5, i: 2, s: 's', b: false, z: null, list: [1, 'two'], f: function () {} })",
            new JsonObject()
        );
        Assert.Equal(
            """{"n":1.5,"i":2,"s":"s","b":false,"z":null,"list":[1,"two"]}""",
            result!.ToJsonString()
        );
    }

    [Fact]
    public void Evaluate_does_not_change_variables()
    {
        var vars = Vars("""{"count":1}""");
        _evaluator.Evaluate("count = 5", vars);
        Assert.Equal(1, vars["count"]!.GetValue<int>());
    }
}
