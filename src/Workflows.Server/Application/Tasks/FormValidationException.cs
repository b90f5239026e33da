// Completion variables that do not satisfy the task's form.
namespace Workflows.Server.Application.Tasks;

/// <summary>Every failing field with its messages (answered as a 400 ValidationProblem).</summary>
public sealed class FormValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The submitted values do not satisfy the form: " + string.Join(", ", errors.Keys))
{
    /// <summary>Field key → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}
