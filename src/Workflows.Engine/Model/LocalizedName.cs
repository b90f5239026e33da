namespace Workflows.Engine.Model;

/// <summary>A bilingual display name: the BPMN <c>name</c> (Simplified Chinese) and our <c>wf:nameEn</c> (English).</summary>
/// <param name="Zh">The BPMN name attribute, usually Simplified Chinese.</param>
/// <param name="En">The English name from <c>wf:nameEn</c>, or null.</param>
public sealed record LocalizedName(string? Zh, string? En)
{
    /// <summary>No name at all.</summary>
    public static readonly LocalizedName Empty = new(null, null);

    /// <summary>The name for a culture: English when asked for "en" and present, else the BPMN name.</summary>
    public string? For(string? culture) =>
        culture is not null
        && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase)
        && En is not null
            ? En
            : Zh ?? En;

    /// <inheritdoc />
    public override string ToString() => Zh ?? En ?? string.Empty;
}
