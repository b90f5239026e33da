// Thrown inside Jint when a script reads "now" and no clock was configured.
namespace Workflows.Engine.Expressions;

/// <summary>Raised by the sandbox's time system; the evaluator turns it into an <see cref="ExpressionException"/>.</summary>
internal sealed class ClockUnavailableException(string message)
    : InvalidOperationException(message);
