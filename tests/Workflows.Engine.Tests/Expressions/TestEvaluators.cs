// Evaluators for tests: the machine running them is shared, so tests that are not about the time limit get a long one.
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

internal static class TestEvaluators
{
    /// <summary>Default limits, except a time limit no busy test machine reaches by accident.</summary>
    public static JintExpressionEvaluator Patient(ExpressionOptions? options = null) =>
        new((options ?? ExpressionOptions.Default) with { Timeout = TimeSpan.FromSeconds(30) });
}
