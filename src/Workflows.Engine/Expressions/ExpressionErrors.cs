// Maps whatever Jint throws to one ExpressionException with a message a process designer can act on.
using Acornima;
using Jint;
using Jint.Runtime;

namespace Workflows.Engine.Expressions;

/// <summary>Turns Jint's parse, runtime and constraint exceptions into <see cref="ExpressionException"/>s.</summary>
internal static class ExpressionErrors
{
    public static ExpressionException Translate(Exception error, ExpressionOptions options)
    {
        // Host exceptions (our own, or the clock) may come back wrapped by Jint; the innermost one says what happened.
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ExpressionException own)
                return own;
            if (e is ClockUnavailableException clock)
                return new ExpressionException(clock.Message, error);
        }
        return error switch
        {
            TimeoutException or ExecutionCanceledException or OperationCanceledException =>
                new ExpressionException(
                    $"script exceeded the {options.Timeout.TotalMilliseconds:0} ms time limit",
                    error
                ),
            StatementsCountOverflowException => new ExpressionException(
                $"script exceeded the statement limit of {options.MaxStatements} statements",
                error
            ),
            RecursionDepthOverflowException => new ExpressionException(
                $"script exceeded the recursion limit of {options.MaxRecursionDepth} nested calls",
                error
            ),
            MemoryLimitExceededException or OutOfMemoryException => new ExpressionException(
                $"script exceeded the memory limit of {FormatBytes(options.MemoryLimitBytes)}",
                error
            ),
            JavaScriptException js => new ExpressionException(Describe(js), error),
            ParseErrorException parse => new ExpressionException(
                $"syntax error: {parse.Message}",
                error
            ),
            _ => new ExpressionException($"script failed: {error.Message}", error),
        };
    }

    private static string Describe(JavaScriptException error)
    {
        var name = error.Error.IsObject() ? error.Error.AsObject().Get("name").ToString() : "Error";
        var start = error.Location.Start;
        var where = start.Line > 0 ? $" (line {start.Line}, column {start.Column + 1})" : "";
        return $"{name}: {error.Message}{where}";
    }

    private static string FormatBytes(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes} bytes";
}
