namespace Workflows.Engine.Expressions;

/// <summary>An expression or script failed: it does not compile, it threw, or it broke a sandbox limit.</summary>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, Exception? inner = null)
        : base(message, inner) { }
}
