using System.Text.Json.Nodes;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Evaluates JavaScript expressions and scripts over case variables in a sandbox (no CLR access; time, statement,
/// recursion and memory limits). Camunda-style <c>${a == b}</c> is accepted and translated.
/// Every failure is an <see cref="ExpressionException"/>, never a hung thread.
/// </summary>
public interface IExpressionEvaluator
{
    /// <summary>Evaluates an expression to a JSON value (null for JavaScript null/undefined).</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error, or a sandbox limit.</exception>
    JsonNode? Evaluate(string expression, JsonObject variables);

    /// <summary>Evaluates a condition with JavaScript truthiness.</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error, or a sandbox limit.</exception>
    bool EvaluateCondition(string expression, JsonObject variables);

    /// <summary>Runs a script; assignments to top-level variables (and to <c>execution.setVariable</c>) are written back into <paramref name="variables"/>.</summary>
    /// <returns>The script's completion value.</returns>
    /// <exception cref="ExpressionException">Syntax error, runtime error, or a sandbox limit.</exception>
    JsonNode? RunScript(string script, JsonObject variables);

    /// <summary>
    /// Fills a text template such as <c>Case ${businessKey}</c>: each placeholder is evaluated and inserted as text
    /// (null as nothing, objects as JSON). Text without a placeholder is returned unchanged, never run as JavaScript.
    /// </summary>
    /// <exception cref="ExpressionException">A placeholder does not compile, threw, or broke a sandbox limit.</exception>
    string? EvaluateTemplate(string text, JsonObject variables) =>
        text.Contains("${", StringComparison.Ordinal)
            ? Evaluate(text, variables)?.ToString()
            : text;

    /// <summary>Checks that an expression or script compiles, without running it.</summary>
    /// <returns>Null when it compiles, else the parser's message.</returns>
    string? CheckSyntax(string expressionOrScript, bool isScript);
}
