// Listens to the server's own meter: optimistic-concurrency conflicts while timers fire mean two executors (a Hangfire
// job and the sweep, or two jobs) worked on the same timer at once; the loser's work is wasted.
using System.Diagnostics.Metrics;
using Workflows.Server.Observability;

namespace Workflows.Timer.Benchmarks;

/// <summary>Counts <c>workflows.concurrency.conflicts</c> and <c>workflows.concurrency.failures</c> while alive.</summary>
public sealed class ConflictCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _conflicts;
    private long _failures;

    /// <summary>Starts listening.</summary>
    public ConflictCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (
                instrument.Meter.Name == WorkflowsMetrics.MeterName
                && instrument.Name
                    is "workflows.concurrency.conflicts"
                        or "workflows.concurrency.failures"
            )
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(
            (instrument, value, _, _) =>
            {
                if (instrument.Name == "workflows.concurrency.conflicts")
                    Interlocked.Add(ref _conflicts, value);
                else
                    Interlocked.Add(ref _failures, value);
            }
        );
        _listener.Start();
    }

    /// <summary>Conflicts retried so far.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Commands that conflicted on every retry.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();
}
