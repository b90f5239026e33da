// Scenario (b): a five-way parallel fork and join, every branch a user task.
using BenchmarkDotNet.Attributes;
using Workflows.Engine.Benchmarks.Support;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Scenarios;

/// <summary>Five bureaus working one case in parallel, joined at the end.</summary>
[Config(typeof(EngineConfig))]
public class ParallelBenchmarks
{
    private WorkflowInterpreter interpreter = null!;
    private ProcessDefinition forkJoin = null!;

    /// <summary>Parses the model once and checks the join completes the instance.</summary>
    [GlobalSetup]
    public void Setup()
    {
        interpreter = EngineSetup.CreateInterpreter();
        forkJoin = EngineSetup.Parse(Models.ParallelForkJoin(5));
        Driver.Verify(Driver.RunToEnd(interpreter, forkJoin), 6, "branch1", "branch5", "join");
    }

    /// <summary>Start (opens five tasks), then complete each: six commands per instance.</summary>
    [Benchmark]
    [Work(commands: 6, steps: 5)]
    public InstanceState FiveWayForkJoin() => Driver.RunToEnd(interpreter, forkJoin).State;

    /// <summary>As <see cref="FiveWayForkJoin"/>, with the JSON round trip around every command.</summary>
    [Benchmark]
    [Work(commands: 6, steps: 5)]
    public InstanceState FiveWayForkJoinWithStateJson() =>
        Driver.RunToEnd(interpreter, forkJoin, roundTripJson: true).State;
}
