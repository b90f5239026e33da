// Text templates: "Case ${businessKey}".
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class TemplateTests
{
    private readonly JintExpressionEvaluator _evaluator = TestEvaluators.Patient();

    [Fact]
    public void Template_interpolates_each_placeholder()
    {
        var vars = new JsonObject
        {
            ["businessKey"] = "WP-2025-0042",
            ["applicant"] = new JsonObject { ["name"] = "Ana" },
            ["days"] = 5,
        };
        Assert.Equal(
            "Case WP-2025-0042 for Ana, due in 5 days",
            _evaluator.EvaluateTemplate(
                "Case ${businessKey} for ${applicant.name}, due in ${days} days",
                vars
            )
        );
    }

    [Fact]
    public void Template_writes_null_as_nothing_and_objects_as_json()
    {
        var vars = new JsonObject { ["note"] = null, ["tags"] = new JsonArray("a", "b") };
        Assert.Equal("[] [\"a\",\"b\"]", _evaluator.EvaluateTemplate("[${note}] ${tags}", vars));
    }

    [Fact]
    public void Text_without_placeholder_is_returned_unchanged()
    {
        Assert.Equal(
            "while(true){}",
            _evaluator.EvaluateTemplate("while(true){}", new JsonObject())
        );
    }

    [Fact]
    public void Mixed_text_evaluated_as_expression_is_a_string()
    {
        var vars = new JsonObject { ["businessKey"] = "K1" };
        Assert.Equal(
            "Case K1",
            _evaluator.Evaluate("Case ${businessKey}", vars)!.GetValue<string>()
        );
    }

    [Fact]
    public void Braces_inside_strings_do_not_close_a_placeholder()
    {
        var vars = new JsonObject { ["name"] = "Ana" };
        Assert.Equal("x Ana} y", _evaluator.EvaluateTemplate("x ${name + '}'} y", vars));
    }

    [Fact]
    public void Unclosed_placeholder_is_an_expression_error()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.EvaluateTemplate("Case ${businessKey", new JsonObject())
        );
        Assert.Contains("not closed", error.Message);
    }
}
