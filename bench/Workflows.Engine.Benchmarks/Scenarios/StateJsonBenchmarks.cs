// The instance snapshot's JSON round trip on its own: the host reads and writes it once per command.
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Workflows.Engine.Benchmarks.Support;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Scenarios;

/// <summary>Serializing and reading a snapshot with five open tasks, five tokens and a few case variables.</summary>
[Config(typeof(EngineConfig))]
public class StateJsonBenchmarks
{
    private InstanceState state = null!;
    private string json = null!;

    /// <summary>Takes the state right after the five-way fork opened its tasks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var interpreter = EngineSetup.CreateInterpreter();
        var definition = EngineSetup.Parse(Models.ParallelForkJoin(5));
        var variables = new JsonObject
        {
            ["applicant"] = new JsonObject
            {
                ["name"] = "Ana Souza",
                ["nationality"] = "BR",
                ["passport"] = "FX123456",
            },
            ["amount"] = 150,
            ["materials"] = new JsonArray("passport", "degree", "contract"),
        };
        state = interpreter
            .Execute(definition, null, new StartInstance(Guid.NewGuid(), 1, "APP-1", variables))
            .State;
        json = StateJson.Serialize(state);
        var back = StateJson.Deserialize(json);
        if (back.Bookmarks.Count != 5 || StateJson.Serialize(back) != json)
        {
            throw new InvalidOperationException("The snapshot does not survive a JSON round trip.");
        }

        Console.WriteLine($"// Snapshot JSON: {json.Length} characters");
    }

    /// <summary>State to JSON.</summary>
    [Benchmark]
    public string Serialize() => StateJson.Serialize(state);

    /// <summary>JSON to state.</summary>
    [Benchmark]
    public InstanceState Deserialize() => StateJson.Deserialize(json);

    /// <summary>Both, as one command costs the host.</summary>
    [Benchmark]
    public InstanceState RoundTrip() => StateJson.Deserialize(StateJson.Serialize(state));
}
