// Translates Camunda/JUEL-style ${...} expressions and text templates to JavaScript.
using System.Text;
using System.Text.Json;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Best-effort JUEL → JavaScript: the word operators (<c>and or not eq ne lt gt le ge div mod</c>) and <c>empty x</c>
/// are rewritten; everything else (<c>==</c>, <c>&amp;&amp;</c>, member access, calls, literals) is already JavaScript.
/// </summary>
internal static class CamundaExpressionTranslator
{
    /// <summary>Name of the global helper implementing JUEL's <c>empty</c>.</summary>
    public const string EmptyHelper = "__wf_empty";

    /// <summary>Name of the global helper that turns a template value into text.</summary>
    public const string TextHelper = "__wf_text";

    private static readonly Dictionary<string, string> WordOperators = new(StringComparer.Ordinal)
    {
        ["and"] = "&&",
        ["or"] = "||",
        ["not"] = "!",
        ["eq"] = "==",
        ["ne"] = "!=",
        ["lt"] = "<",
        ["gt"] = ">",
        ["le"] = "<=",
        ["ge"] = ">=",
        ["div"] = "/",
        ["mod"] = "%",
    };

    /// <summary>True when the text holds a <c>${</c> or <c>#{</c> placeholder.</summary>
    public static bool HasPlaceholder(string text) =>
        text.Contains("${", StringComparison.Ordinal)
        || text.Contains("#{", StringComparison.Ordinal);

    /// <summary>
    /// JavaScript for an expression: plain text is JavaScript already; a lone <c>${...}</c> keeps its value's type;
    /// text mixed with placeholders becomes a string concatenation.
    /// </summary>
    /// <exception cref="FormatException">A placeholder is not closed or <c>empty</c> has no operand.</exception>
    public static string ToJavaScript(string text)
    {
        // A backtick means a JavaScript template literal, whose ${...} is JavaScript's own.
        if (!HasPlaceholder(text) || text.Contains('`', StringComparison.Ordinal))
            return text;
        var parts = Split(text);
        return parts is [{ IsCode: true } only] ? TranslateJuel(only.Text) : Concatenate(parts);
    }

    /// <summary>JavaScript producing the template's text: literal parts verbatim, placeholders as their values' text.</summary>
    /// <exception cref="FormatException">A placeholder is not closed or <c>empty</c> has no operand.</exception>
    public static string TemplateToJavaScript(string text) => Concatenate(Split(text));

    /// <summary>Rewrites the JUEL operators of one placeholder's body to JavaScript.</summary>
    /// <exception cref="FormatException"><c>empty</c> has no operand.</exception>
    public static string TranslateJuel(string juel)
    {
        var output = new StringBuilder(juel.Length + 8);
        var i = 0;
        while (i < juel.Length)
        {
            var c = juel[i];
            if (c is '\'' or '"')
            {
                var end = SkipString(juel, i);
                output.Append(juel, i, end - i);
                i = end;
            }
            else if (IsIdentifierStart(c))
            {
                var end = i;
                while (end < juel.Length && IsIdentifierPart(juel[end]))
                    end++;
                var word = juel[i..end];
                if (PreviousSignificant(juel, i) == '.')
                {
                    output.Append(word);
                    i = end;
                }
                else if (word == "empty")
                {
                    var operandEnd = ReadOperand(juel, end, out var operand);
                    output
                        .Append(EmptyHelper)
                        .Append('(')
                        .Append(TranslateJuel(operand))
                        .Append(')');
                    i = operandEnd;
                }
                else
                {
                    output.Append(WordOperators.TryGetValue(word, out var js) ? $" {js} " : word);
                    i = end;
                }
            }
            else
            {
                output.Append(c);
                i++;
            }
        }
        return output.ToString().Trim();
    }

    private static string Concatenate(List<(bool IsCode, string Text)> parts)
    {
        if (parts.Count == 0)
            return "''";
        var js = new StringBuilder("(''");
        foreach (var (isCode, text) in parts)
        {
            js.Append(" + ");
            if (isCode)
                js.Append(TextHelper).Append("((").Append(TranslateJuel(text)).Append("\n))");
            else
                js.Append(JsonSerializer.Serialize(text));
        }
        return js.Append(')').ToString();
    }

    private static List<(bool IsCode, string Text)> Split(string text)
    {
        var parts = new List<(bool IsCode, string Text)>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] is '$' or '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = FindClosingBrace(text, i + 2);
                if (literal.Length > 0)
                    parts.Add((false, literal.ToString()));
                literal.Clear();
                var body = text[(i + 2)..close];
                if (body.Trim().Length == 0)
                    throw new FormatException($"empty placeholder at position {i + 1}");
                parts.Add((true, body));
                i = close + 1;
            }
            else
            {
                literal.Append(text[i]);
                i++;
            }
        }
        if (literal.Length > 0)
            parts.Add((false, literal.ToString()));
        return parts;
    }

    private static int FindClosingBrace(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    i = SkipString(text, i) - 1;
                    break;
                case '{':
                    depth++;
                    break;
                case '}' when depth == 0:
                    return i;
                case '}':
                    depth--;
                    break;
            }
        }
        throw new FormatException(
            $"the placeholder opened at position {start - 1} is not closed with '}}'"
        );
    }

    /// <summary>Index just past the string literal starting at <paramref name="start"/> (or the end of the text if unclosed).</summary>
    private static int SkipString(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote)
            i += text[i] == '\\' ? 2 : 1;
        return Math.Min(i + 1, text.Length);
    }

    // The operand of `empty` is a unary expression: a parenthesised group, or a name with member access and calls.
    private static int ReadOperand(string text, int start, out string operand)
    {
        var i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        var begin = i;
        if (i < text.Length && text[i] == '(')
            i = SkipBalanced(text, i);
        else
        {
            while (i < text.Length && IsIdentifierPart(text[i]))
                i++;
            while (i < text.Length)
            {
                if (text[i] == '.' && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && IsIdentifierPart(text[i]))
                        i++;
                }
                else if (text[i] is '[' or '(')
                    i = SkipBalanced(text, i);
                else
                    break;
            }
        }
        if (i == begin)
            throw new FormatException("'empty' must be followed by a value, as in 'empty list'");
        operand = text[begin..i];
        return i;
    }

    private static int SkipBalanced(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    i = SkipString(text, i) - 1;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    if (depth == 0)
                        return i + 1;
                    break;
            }
        }
        return text.Length;
    }

    private static char PreviousSignificant(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
            if (!char.IsWhiteSpace(text[i]))
                return text[i];
        return '\0';
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
