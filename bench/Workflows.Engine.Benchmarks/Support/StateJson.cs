// The instance snapshot's JSON form, with the same options as the server's StateSerializer (kept in step by hand:
// the benchmark references only the engine, so it measures the engine and System.Text.Json, not the host).
using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>Serializes and reads <see cref="InstanceState"/> as the host does once per command.</summary>
public static class StateJson
{
    /// <summary>Web defaults, enums as strings, nulls omitted: as in <c>Workflows.Server.Application.StateSerializer</c>.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes a snapshot.</summary>
    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads a snapshot.</summary>
    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options)
        ?? throw new InvalidOperationException("Empty instance state.");
}
