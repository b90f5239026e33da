// The default compile check for conditions and scripts when the host supplies none: Jint's parser, no execution.
using System.Text.RegularExpressions;

namespace Workflows.Engine.Validation;

/// <summary>Checks that a condition or script parses as JavaScript; <c>${...}</c> JUEL word operators are translated first.</summary>
internal static partial class ExpressionSyntax
{
    /// <summary>Null when it compiles, else the parser's message.</summary>
    public static string? Check(string text, bool isScript)
    {
        var code = isScript ? text : ToJavaScript(text);
        if (code is null)
        {
            return "a ${ placeholder is not closed";
        }

        try
        {
            // Parenthesised so that an expression cannot smuggle in statements (a; b) and is parsed as one expression.
            Jint.Engine.PrepareScript(isScript ? code : "(\n" + code + "\n)");
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    private static string? ToJavaScript(string text)
    {
        var trimmed = text.Trim();
        if (
            !trimmed.Contains("${", StringComparison.Ordinal)
            && !trimmed.Contains("#{", StringComparison.Ordinal)
        )
        {
            return trimmed;
        }

        if (
            (
                trimmed.StartsWith("${", StringComparison.Ordinal)
                || trimmed.StartsWith("#{", StringComparison.Ordinal)
            ) && trimmed.EndsWith('}')
        )
        {
            var body = trimmed[2..^1];
            return WordOperator()
                .Replace(
                    body,
                    m =>
                        m.Value switch
                        {
                            "and" => "&&",
                            "or" => "||",
                            "not" => "!",
                            "eq" => "==",
                            "ne" => "!=",
                            "lt" => "<",
                            "gt" => ">",
                            "le" => "<=",
                            "ge" => ">=",
                            "div" => "/",
                            "mod" => "%",
                            _ => "__wf_empty ",
                        }
                );
        }

        // Text with embedded placeholders is a template; each placeholder body must itself be an expression.
        return trimmed.Contains('}', StringComparison.Ordinal) ? "\"\"" : null;
    }

    [GeneratedRegex(
        @"(?<![\w.$'""])\b(?:and|or|not|eq|ne|lt|gt|le|ge|div|mod|empty)\b(?![\w'""])",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex WordOperator();
}
