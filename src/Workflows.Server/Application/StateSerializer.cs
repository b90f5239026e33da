using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Engine.Runtime;

namespace Workflows.Server.Application;

/// <summary>The JSON form of an instance snapshot as stored in <c>Instances.StateJson</c>.</summary>
public static class StateSerializer
{
    /// <summary>Options shared by every snapshot read and write.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Serializes a snapshot.</summary>
    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Options);

    /// <summary>Reads a snapshot.</summary>
    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize<InstanceState>(json, Options)
        ?? throw new InvalidOperationException("Empty instance state.");
}
