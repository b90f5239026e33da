// Status names of SlaClocks rows.
namespace Workflows.Server.Application.Sla;

/// <summary>Values of <c>SlaClockEntity.Status</c>.</summary>
public static class SlaClockStatuses
{
    /// <summary>Counting.</summary>
    public const string Running = "running";

    /// <summary>Paused (supplement, special procedure).</summary>
    public const string Paused = "paused";

    /// <summary>Finished.</summary>
    public const string Stopped = "stopped";
}
