namespace Workflows.Engine.Parsing;

/// <summary>One problem in a BPMN file: the element it concerns, the XML line, and a plain message.</summary>
/// <param name="ElementId">The id of the offending element (or of its nearest ancestor with an id); null when the file itself is unreadable.</param>
/// <param name="Line">The 1-based line in the XML; 0 when unknown.</param>
/// <param name="Message">What is wrong, in words a process designer understands.</param>
public sealed record ValidationError(string? ElementId, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"line {Line}: {(ElementId is null ? "" : ElementId + ": ")}{Message}";
}
