// What a clock says at one instant: due moment, warning moment, level, time used.
namespace Workflows.Engine.Calendar;

/// <summary>The state of an <see cref="SlaClock"/> evaluated at an instant.</summary>
public sealed record SlaStatus
{
    /// <summary>The instant evaluated.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The due moment with pauses so far added back (an open pause keeps pushing it while it lasts).</summary>
    public required DueDate Due { get; init; }

    /// <summary>When the clock turns (or turned) yellow.</summary>
    public required DateTimeOffset WarningAt { get; init; }

    /// <summary>The level; frozen at the pause's start while paused and at the stop once stopped.</summary>
    public required SlaLevel Level { get; init; }

    /// <summary>Working days the clock has run (start day not counted, the current working day counted, paused working days excluded).</summary>
    public required int WorkingDaysUsed { get; init; }

    /// <summary>Working days added back by pauses.</summary>
    public required int PausedWorkingDays { get; init; }

    /// <summary>Elapsed time the clock has run, pauses excluded.</summary>
    public required TimeSpan ActiveTime { get; init; }

    /// <summary>True while a pause lasts at <see cref="At"/>.</summary>
    public required bool IsPaused { get; init; }

    /// <summary>True once the clock was stopped at or before <see cref="At"/>.</summary>
    public required bool IsStopped { get; init; }

    /// <summary>True when stopped after the due moment (closed late, 超期办结).</summary>
    public bool FinishedLate => IsStopped && Level == SlaLevel.Red;

    /// <summary>True when a provisional calendar year was involved.</summary>
    public bool Provisional => Due.Provisional;
}
