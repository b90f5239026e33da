// Scenario (c): an exclusive gateway deciding on ${amount > 100}, both outcomes.
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Workflows.Engine.Benchmarks.Support;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Scenarios;

/// <summary>A decision evaluated by Jint, then the chosen review task completed.</summary>
[Config(typeof(EngineConfig))]
public class GatewayBenchmarks
{
    private WorkflowInterpreter interpreter = null!;
    private ProcessDefinition decision = null!;
    private JsonObject variables = null!;

    /// <summary>The amount: 50 takes the default flow, 150 the conditional one.</summary>
    [Params(50, 150)]
    public int Amount { get; set; }

    /// <summary>Parses the model once and checks the expected branch is taken.</summary>
    [GlobalSetup]
    public void Setup()
    {
        interpreter = EngineSetup.CreateInterpreter();
        decision = EngineSetup.Parse(Models.ExclusiveDecision());
        variables = new JsonObject { ["amount"] = Amount, ["applicant"] = "Ana Souza" };
        Driver.Verify(
            Driver.RunToEnd(interpreter, decision, variables),
            2,
            Amount > 100 ? "seniorReview" : "clerkReview"
        );
    }

    /// <summary>Start (the gateway decides and opens one task), then complete it: two commands per instance.</summary>
    [Benchmark]
    [Work(commands: 2, steps: 1)]
    public InstanceState DecideAndComplete() =>
        Driver.RunToEnd(interpreter, decision, variables).State;
}
