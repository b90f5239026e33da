// Syntax and runtime errors: clear messages, and CheckSyntax for the validator.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class ErrorTests
{
    private readonly JintExpressionEvaluator _evaluator = TestEvaluators.Patient();

    [Fact]
    public void Syntax_error_names_the_problem_and_position()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.EvaluateCondition("amount >", new JsonObject { ["amount"] = 1 })
        );
        Assert.Equal("syntax error: Unexpected end of input (expression:1:9)", error.Message);
    }

    [Fact]
    public void Unknown_variable_is_a_reference_error()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.EvaluateCondition("amountt > 100", new JsonObject { ["amount"] = 1 })
        );
        Assert.Equal("ReferenceError: amountt is not defined (line 1, column 1)", error.Message);
    }

    [Fact]
    public void Thrown_error_keeps_its_message()
    {
        var error = Assert.Throws<ExpressionException>(() =>
            _evaluator.RunScript("\nthrow new TypeError('bad input');", new JsonObject())
        );
        Assert.StartsWith("TypeError: bad input", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Theory]
    [InlineData("amount > 100", false)]
    [InlineData("${amount gt 100 and not empty docs}", false)]
    [InlineData("Case ${businessKey}", false)]
    [InlineData("var x = 1; if (x) { x++; }", true)]
    public void CheckSyntax_accepts_valid_text(string text, bool isScript)
    {
        Assert.Null(_evaluator.CheckSyntax(text, isScript));
    }

    [Theory]
    [InlineData("amount >", false)]
    [InlineData("${amount >}", false)]
    [InlineData("${amount", false)]
    [InlineData("${empty}", false)]
    [InlineData("var = 1;", true)]
    [InlineData("with (a) {}", true)]
    public void CheckSyntax_returns_the_parser_message(string text, bool isScript)
    {
        var message = _evaluator.CheckSyntax(text, isScript);
        Assert.StartsWith("syntax error: ", message);
    }

    [Fact]
    public void CheckSyntax_does_not_run_the_text()
    {
        Assert.Null(_evaluator.CheckSyntax("while (true) {}", isScript: true));
    }
}
