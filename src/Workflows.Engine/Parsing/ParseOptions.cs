namespace Workflows.Engine.Parsing;

/// <summary>What the parser checks beyond BPMN itself: limits and the names the host knows.</summary>
public sealed record ParseOptions
{
    /// <summary>The largest accepted file, in characters (default 5 MB).</summary>
    public int MaxCharacters { get; init; } = 5 * 1024 * 1024;

    /// <summary>The deepest accepted element nesting (default 64); deeper files are rejected before they are modelled.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Service handler names registered in the host; null skips the check (the engine alone knows none).</summary>
    public IReadOnlySet<string>? KnownHandlers { get; init; }

    /// <summary>Form keys that exist under <c>workflows/forms/</c>; null skips the check.</summary>
    public IReadOnlySet<string>? KnownForms { get; init; }

    /// <summary>Candidate groups that exist in the directory; null skips the check.</summary>
    public IReadOnlySet<string>? KnownGroups { get; init; }

    /// <summary>
    /// Checks that a condition (second argument false) or a script (true) compiles: returns null when it does, else the
    /// parser's message. Hosts pass <c>IExpressionEvaluator.CheckSyntax</c>; null uses a built-in check with Jint's parser.
    /// </summary>
    public Func<string, bool, string?>? SyntaxChecker { get; init; }

    /// <summary>Default options: no host knowledge.</summary>
    public static readonly ParseOptions Default = new();
}
