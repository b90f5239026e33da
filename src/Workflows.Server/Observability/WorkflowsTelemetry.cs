// The ActivitySource of our own spans: a command around the engine and the database work it causes.
using System.Diagnostics;

namespace Workflows.Server.Observability;

/// <summary>Spans named after what they do (<c>command task.completed</c>), children of the HTTP request span when there is one.</summary>
public static class WorkflowsTelemetry
{
    /// <summary>The source name, registered with the tracer provider.</summary>
    public const string SourceName = WorkflowsMetrics.MeterName;

    /// <summary>The source.</summary>
    public static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>Starts a command span tagged with the instance id; null when nobody listens.</summary>
    public static Activity? StartCommand(string action, Guid instanceId)
    {
        var activity = Source.StartActivity($"command {action}", ActivityKind.Internal);
        activity?.SetTag("workflows.action", action);
        activity?.SetTag("workflows.instance_id", instanceId.ToString());
        return activity;
    }

    /// <summary>
    /// Starts a span for one phase of a command (<c>phase load</c>, <c>phase engine</c>, <c>phase save</c>...), so a
    /// trace or the server benchmark's <c>--profile</c> run shows where a command's time goes; null when nobody listens.
    /// </summary>
    public static Activity? Phase(string name) =>
        Source.StartActivity("phase " + name, ActivityKind.Internal);
}
