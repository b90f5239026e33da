// The Workflows meter and its instruments; the runtime records through these one-line methods so call sites stay small.
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflows.Engine.Runtime;

namespace Workflows.Server.Observability;

/// <summary>
/// Counters and histograms of the meter <c>Workflows</c>, exported at <c>/metrics</c>. Static because instruments are
/// process-wide and cheap when nobody listens; the observable gauges that need the database live in <see cref="WorkflowsGauges"/>.
/// </summary>
public static class WorkflowsMetrics
{
    /// <summary>The meter name (also the ActivitySource name).</summary>
    public const string MeterName = "Workflows";

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> InstancesStarted = Meter.CreateCounter<long>(
        "workflows.instances.started",
        "{instance}",
        "Instances started."
    );
    private static readonly Counter<long> InstancesCompleted = Meter.CreateCounter<long>(
        "workflows.instances.completed",
        "{instance}",
        "Instances that reached their end."
    );
    private static readonly Counter<long> TasksCreated = Meter.CreateCounter<long>(
        "workflows.tasks.created",
        "{task}",
        "User tasks created."
    );
    private static readonly Counter<long> TasksCompleted = Meter.CreateCounter<long>(
        "workflows.tasks.completed",
        "{task}",
        "User tasks completed."
    );
    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "workflows.commands",
        "{command}",
        "Commands committed (rate() gives commands per second)."
    );
    private static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>(
        "workflows.command.duration",
        "s",
        "Time from loading an instance to the commit of a command, retries included."
    );
    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>(
        "workflows.concurrency.conflicts",
        "{conflict}",
        "Optimistic-concurrency conflicts on the instance row (each is retried)."
    );
    private static readonly Counter<long> ConflictFailures = Meter.CreateCounter<long>(
        "workflows.concurrency.failures",
        "{command}",
        "Commands that still conflicted after every retry (answered 409)."
    );
    private static readonly Counter<long> TimersFired = Meter.CreateCounter<long>(
        "workflows.timers.fired",
        "{timer}",
        "Timers fired (once each, whichever node fired it)."
    );
    private static readonly Counter<long> TimerFailures = Meter.CreateCounter<long>(
        "workflows.timers.failed",
        "{attempt}",
        "Failed timer attempts, by kind and outcome (retry, incident)."
    );
    private static readonly Counter<long> OutboxHandled = Meter.CreateCounter<long>(
        "workflows.outbox.dispatched",
        "{row}",
        "Outbox rows handled by this node, by type and outcome (ok, failed)."
    );
    private static readonly Histogram<double> TimerLateness = Meter.CreateHistogram<double>(
        "workflows.timer.lateness",
        "s",
        "How long after its due moment a timer fired."
    );

    /// <summary>A started instance (its first command committed).</summary>
    public static void InstanceStarted(string definitionKey, ExecutionResult result)
    {
        InstancesStarted.Add(1, new KeyValuePair<string, object?>("definition", definitionKey));
        Committed("instance.started", definitionKey, result, Stopwatch.GetTimestamp());
    }

    /// <summary>A committed command: counts it, its latency since <paramref name="startedTimestamp"/> and what its effects created or ended.</summary>
    public static void Committed(
        string action,
        string definitionKey,
        ExecutionResult result,
        long startedTimestamp
    )
    {
        var tag = new KeyValuePair<string, object?>("action", action);
        Commands.Add(1, tag);
        CommandDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tag);
        if (action == "task.completed")
            TasksCompleted.Add(1, new KeyValuePair<string, object?>("definition", definitionKey));
        foreach (var effect in result.Effects)
        {
            if (effect is TaskCreated)
                TasksCreated.Add(1, new KeyValuePair<string, object?>("definition", definitionKey));
            else if (effect is InstanceCompleted)
                InstancesCompleted.Add(
                    1,
                    new KeyValuePair<string, object?>("definition", definitionKey)
                );
        }
    }

    /// <summary>A concurrency conflict that will be retried.</summary>
    public static void ConflictRetried(string action) =>
        Conflicts.Add(1, new KeyValuePair<string, object?>("action", action));

    /// <summary>A command that gave up after its retries.</summary>
    public static void ConflictFailed(string action) =>
        ConflictFailures.Add(1, new KeyValuePair<string, object?>("action", action));

    /// <summary>A timer fired <paramref name="lateness"/> after its due moment (negative lateness: within the early tolerance).</summary>
    public static void TimerFired(string kind, TimeSpan lateness)
    {
        var tag = new KeyValuePair<string, object?>("kind", kind);
        TimersFired.Add(1, tag);
        TimerLateness.Record(Math.Max(0, lateness.TotalSeconds), tag);
    }

    /// <summary>A failed timer attempt: held for a retry, or (<paramref name="gaveUp"/>) its budget spent and an incident raised.</summary>
    public static void TimerFailed(string kind, bool gaveUp) =>
        TimerFailures.Add(
            1,
            new KeyValuePair<string, object?>("kind", kind),
            new KeyValuePair<string, object?>("outcome", gaveUp ? "incident" : "retry")
        );

    /// <summary>An outbox row this node leased and handled.</summary>
    public static void OutboxDispatched(string type, bool ok) =>
        OutboxHandled.Add(
            1,
            new KeyValuePair<string, object?>("type", type),
            new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed")
        );
}
