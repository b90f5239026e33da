using Workflows.Data.Entities;

namespace Workflows.Server.Application.Sla;

/// <summary>
/// Executes a timer row of a kind other than <c>bpmn</c> (e.g. <c>sla.yellow</c>, <c>sla.red</c>, <c>sla.remind</c>).
/// The timer table is the truth for every kind; <see cref="Timers.TimerFiring"/> routes a due row to the handler of its kind.
/// Handlers must be idempotent: return false when the row's work is no longer relevant.
/// </summary>
public interface ITimerHandler
{
    /// <summary>The timer kinds this handler executes.</summary>
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>Executes the timer; the caller marks the row fired when this returns true, cancelled when false.</summary>
    Task<bool> FireAsync(TimerEntity timer, CancellationToken ct);
}
