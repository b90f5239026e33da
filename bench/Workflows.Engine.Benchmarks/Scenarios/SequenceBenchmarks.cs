// Scenario (a): a straight line of ten steps, either ten user tasks (a wait state each) or ten script tasks (one command).
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Workflows.Engine.Benchmarks.Support;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Scenarios;

/// <summary>Ten sequential steps, run from start to end in memory.</summary>
[Config(typeof(EngineConfig))]
public class SequenceBenchmarks
{
    private WorkflowInterpreter interpreter = null!;
    private ProcessDefinition userTasks = null!;
    private ProcessDefinition scripts = null!;

    /// <summary>Parses the models once and checks each scenario really runs to its end.</summary>
    [GlobalSetup]
    public void Setup()
    {
        interpreter = EngineSetup.CreateInterpreter();
        userTasks = EngineSetup.Parse(Models.Sequence(10));
        scripts = EngineSetup.Parse(Models.ScriptSequence(10));
        Driver.Verify(Driver.RunToEnd(interpreter, userTasks), 11, "task10");
        Driver.Verify(Driver.RunToEnd(interpreter, userTasks, roundTripJson: true), 11, "task10");
        var scripted = Driver.RunToEnd(interpreter, scripts, new JsonObject { ["counter"] = 0 });
        Driver.Verify(scripted, 1, "script10");
        if (scripted.State.Variables["counter"]?.ToJsonString() != "10")
        {
            throw new InvalidOperationException("The ten scripts did not all run.");
        }
    }

    /// <summary>Start, then complete ten user tasks one command each: eleven commands per instance.</summary>
    [Benchmark(Baseline = true)]
    [Work(commands: 11, steps: 10)]
    public InstanceState TenUserTasks() => Driver.RunToEnd(interpreter, userTasks).State;

    /// <summary>As <see cref="TenUserTasks"/>, with the state written to JSON and read back around every command, as the host does.</summary>
    [Benchmark]
    [Work(commands: 11, steps: 10)]
    public InstanceState TenUserTasksWithStateJson() =>
        Driver.RunToEnd(interpreter, userTasks, roundTripJson: true).State;

    /// <summary>Ten script tasks that never wait: one start command runs the instance to its end.</summary>
    [Benchmark]
    [Work(commands: 1, steps: 10)]
    public InstanceState TenScriptTasks() =>
        Driver.RunToEnd(interpreter, scripts, new JsonObject { ["counter"] = 0 }).State;
}
