// Caps how many values a JavaScript → JSON conversion may produce.
namespace Workflows.Engine.Expressions;

/// <summary>
/// Counts converted values so that a sparse array with a length of 2^32-1, or thousands of large globals,
/// cannot keep the host busy after the script itself has finished within its limits.
/// </summary>
internal sealed class ValueBudget(int limit)
{
    private int _spent;

    /// <exception cref="ExpressionException">More than the limit has been spent.</exception>
    public void Spend()
    {
        if (++_spent > limit)
            throw new ExpressionException($"the result holds more than {limit} values");
    }
}
