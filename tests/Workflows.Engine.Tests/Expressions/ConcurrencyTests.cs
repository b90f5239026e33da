// One evaluator shared by many threads, as the host does.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Parallel_evaluations_each_see_their_own_variables()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions { Timeout = TimeSpan.FromSeconds(10) }
        );
        var wrong = 0;
        Parallel.For(
            0,
            400,
            i =>
            {
                var vars = new JsonObject { ["n"] = i, ["name"] = $"case-{i}" };
                var even = evaluator.EvaluateCondition("${n mod 2 == 0}", vars);
                var label = evaluator.EvaluateTemplate("Case ${name}", vars);
                evaluator.RunScript(
                    "var doubled = n * 2; execution.setVariable('tag', name + '!');",
                    vars
                );
                if (
                    even != (i % 2 == 0)
                    || label != $"Case case-{i}"
                    || vars["doubled"]!.GetValue<long>() != i * 2
                    || vars["tag"]!.GetValue<string>() != $"case-{i}!"
                )
                    Interlocked.Increment(ref wrong);
            }
        );
        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Small_cache_keeps_answers_right()
    {
        var evaluator = new JintExpressionEvaluator(
            new ExpressionOptions { CacheCapacity = 2, Timeout = TimeSpan.FromSeconds(30) }
        );
        for (var i = 0; i < 20; i++)
            Assert.Equal(
                i + 1,
                evaluator.Evaluate($"x + {i}", new JsonObject { ["x"] = 1 })!.GetValue<long>()
            );
    }
}
