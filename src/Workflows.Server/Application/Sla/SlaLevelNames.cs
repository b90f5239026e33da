// Level names as stored in SlaClocks.Level and Tasks.SlaLevel, and their order.
using Workflows.Engine.Calendar;

namespace Workflows.Server.Application.Sla;

/// <summary>Converts between <see cref="SlaLevel"/> and its stored name (<c>green</c>, <c>yellow</c>, <c>red</c>).</summary>
public static class SlaLevelNames
{
    /// <summary>The stored name of a level.</summary>
    public static string Of(SlaLevel level) =>
        level switch
        {
            SlaLevel.Yellow => "yellow",
            SlaLevel.Red => "red",
            _ => "green",
        };

    /// <summary>The level of a stored name (unknown names are green).</summary>
    public static SlaLevel Parse(string? name) =>
        name switch
        {
            "yellow" => SlaLevel.Yellow,
            "red" => SlaLevel.Red,
            _ => SlaLevel.Green,
        };
}
