using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>The outcome of reading a BPMN file: a definition when it is valid, else every error found.</summary>
/// <param name="Definition">The executable process; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every error, in document order.</param>
public sealed record ParseResult(
    ProcessDefinition? Definition,
    IReadOnlyList<ValidationError> Errors
)
{
    /// <summary>True when the file is an executable process with no error.</summary>
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
