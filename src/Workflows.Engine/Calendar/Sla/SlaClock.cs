// A pausable SLA clock as pure data: the server stores it as JSON and evaluates it on the calendar when needed.
using System.Text.Json.Serialization;

namespace Workflows.Engine.Calendar;

/// <summary>
/// A clock for a committed or statutory limit (承诺时限 / 法定时限) of a case or task: started, paused with a reason
/// (supplement 补正, expert review, public notice), resumed, stopped. Immutable: each change returns a new clock.
/// Pause rule (day-granular, like the limits themselves): a pause adds back the working days d with
/// pause day &lt; d ≤ resume day (office-local days), so a pause that starts and ends on the same day adds nothing, a pause
/// from Monday to Thursday adds 3 working days, and holidays or weekends inside a pause add nothing. For an elapsed-time
/// limit (<c>PT4H</c>) the paused elapsed time is added back instead.
/// </summary>
public sealed record SlaClock
{
    /// <summary>When the clock started (e.g. acceptance 受理); the start day is not counted.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The limit as written: <c>5WD</c> or an ISO 8601 duration.</summary>
    public required string Limit { get; init; }

    /// <summary>The warning threshold as written: <c>1WD</c> (default), <c>80%</c>, or an ISO 8601 duration.</summary>
    public string Warning { get; init; } = "1WD";

    /// <summary>Pauses in order; only the last may be open.</summary>
    public IReadOnlyList<SlaPause> Pauses { get; init; } = [];

    /// <summary>When the clock was stopped (the case or task was finished); null while it runs.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>True while the last pause is open.</summary>
    [JsonIgnore]
    public bool IsPaused => Pauses.Count > 0 && Pauses[^1].ResumedAt is null;

    /// <summary>True once stopped.</summary>
    [JsonIgnore]
    public bool IsStopped => StoppedAt.HasValue;

    /// <summary>Starts a clock.</summary>
    /// <exception cref="FormatException">The limit or the warning cannot be parsed.</exception>
    public static SlaClock Start(DateTimeOffset at, string limit, string? warning = null)
    {
        SlaLimit.Parse(limit);
        var parsedWarning = SlaWarning.Parse(warning);
        return new SlaClock
        {
            StartedAt = at,
            Limit = limit.Trim(),
            Warning = parsedWarning.ToString(),
        };
    }

    /// <summary>Pauses the clock.</summary>
    /// <exception cref="InvalidOperationException">Already paused, stopped, or <paramref name="at"/> is before the start or the last resume.</exception>
    public SlaClock Pause(DateTimeOffset at, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (IsStopped)
            throw new InvalidOperationException("The clock is stopped and cannot be paused.");
        if (IsPaused)
            throw new InvalidOperationException(
                $"The clock is already paused ({Pauses[^1].Reason})."
            );
        var earliest = Pauses.Count > 0 ? Pauses[^1].ResumedAt!.Value : StartedAt;
        if (at < earliest)
            throw new InvalidOperationException(
                $"A pause at {at:O} would start before {earliest:O}."
            );
        return this with { Pauses = [.. Pauses, new SlaPause(at, reason)] };
    }

    /// <summary>Resumes a paused clock; the paused working days are added back to the limit.</summary>
    /// <exception cref="InvalidOperationException">Not paused, or <paramref name="at"/> is before the pause.</exception>
    public SlaClock Resume(DateTimeOffset at)
    {
        if (!IsPaused)
            throw new InvalidOperationException("The clock is not paused.");
        var open = Pauses[^1];
        if (at < open.PausedAt)
            throw new InvalidOperationException(
                $"A resume at {at:O} would precede the pause at {open.PausedAt:O}."
            );
        return this with
        {
            Pauses = [.. Pauses.Take(Pauses.Count - 1), open with { ResumedAt = at }],
        };
    }

    /// <summary>Stops the clock; an open pause ends at the stop.</summary>
    /// <exception cref="InvalidOperationException">Already stopped, or <paramref name="at"/> is before the start or the open pause.</exception>
    public SlaClock Stop(DateTimeOffset at)
    {
        if (IsStopped)
            throw new InvalidOperationException("The clock is already stopped.");
        if (at < StartedAt)
            throw new InvalidOperationException(
                $"A stop at {at:O} would precede the start at {StartedAt:O}."
            );
        var clock = IsPaused ? Resume(at) : this;
        return clock with { StoppedAt = at };
    }

    /// <summary>The due moment as of <paramref name="at"/> (an open pause counted up to <paramref name="at"/>).</summary>
    public DueDate Due(WorkingCalendar calendar, DateTimeOffset at) => Evaluate(calendar, at).Due;

    /// <summary>The level at <paramref name="at"/>.</summary>
    public SlaLevel LevelAt(WorkingCalendar calendar, DateTimeOffset at) =>
        Evaluate(calendar, at).Level;

    /// <summary>Evaluates the clock now, as told by <paramref name="time"/>.</summary>
    public SlaStatus Evaluate(WorkingCalendar calendar, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Evaluate(calendar, time.GetUtcNow());
    }

    /// <summary>
    /// Evaluates the clock at an instant: due, warning moment, level, time used, flags. While paused, the level is the
    /// one the clock had when the pause began (a pause neither worsens nor improves it); after a resume the moved due
    /// date may bring a clock back from yellow to green.
    /// </summary>
    public SlaStatus Evaluate(WorkingCalendar calendar, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var limit = SlaLimit.Parse(Limit);
        var warning = SlaWarning.Parse(Warning);
        var end = StoppedAt is { } stopped && stopped < at ? stopped : at;
        if (end < StartedAt)
            end = StartedAt;

        var now = Measure(calendar, limit, warning, end);
        var level =
            now.OpenPauseStart is { } pausedAt
            && Measure(calendar, limit, warning, pausedAt) is var then
                ? SlaLevels.At(pausedAt, then.WarningAt, then.Due.Due)
                : SlaLevels.At(end, now.WarningAt, now.Due.Due);
        var used = calendar.CountWorkingDays(StartedAt, end);
        var active = end - StartedAt - now.PausedTime;
        return new SlaStatus
        {
            At = at,
            Due = now.Due,
            WarningAt = now.WarningAt,
            Level = level,
            WorkingDaysUsed = Math.Max(0, used.Days.Value - now.PausedDays),
            PausedWorkingDays = now.PausedDays,
            ActiveTime = active > TimeSpan.Zero ? active : TimeSpan.Zero,
            IsPaused = now.OpenPauseStart.HasValue,
            IsStopped = StoppedAt is { } st && st <= at,
        };
    }

    // The due and warning moments as of `end`, with pauses up to `end` added back.
    private Measurement Measure(
        WorkingCalendar calendar,
        SlaLimit limit,
        SlaWarning warning,
        DateTimeOffset end
    )
    {
        var pausedDays = 0;
        var pausedTime = TimeSpan.Zero;
        var provisional = false;
        DateTimeOffset? openPauseStart = null;
        foreach (var pause in Pauses.Where(p => p.PausedAt <= end))
        {
            var resumed = pause.ResumedAt is { } r && r <= end ? r : end;
            if (pause.ResumedAt is null || pause.ResumedAt > end)
                openPauseStart = pause.PausedAt;
            var count = calendar.CountWorkingDays(pause.PausedAt, resumed);
            pausedDays += count.Days.Value;
            provisional |= count.Provisional;
            pausedTime += resumed - pause.PausedAt;
        }
        // A pause still open at the stop was ended by it: nothing is open then.
        if (StoppedAt is { } s && s <= end)
            openPauseStart = null;

        var due = limit.WorkingDays is { } days
            ? calendar.AddWorkingDays(StartedAt, days + new WorkingDays(pausedDays))
            : new DueDate(
                calendar.ToOffice(
                    limit.Elapsed!.Value.AddTo(StartedAt, calendar.Options.TimeZone) + pausedTime
                ),
                false
            );
        due = due with { Provisional = due.Provisional || provisional };
        return new Measurement(
            due,
            warning.WarningAt(calendar, StartedAt, due.Due, limit),
            pausedDays,
            pausedTime,
            openPauseStart
        );
    }

    private readonly record struct Measurement(
        DueDate Due,
        DateTimeOffset WarningAt,
        int PausedDays,
        TimeSpan PausedTime,
        DateTimeOffset? OpenPauseStart
    );

    /// <summary>The due moment on two calendars (e.g. before and after a new year's file lands), evaluated at <paramref name="at"/>.</summary>
    public DueDateChange Recompute(
        WorkingCalendar before,
        WorkingCalendar after,
        DateTimeOffset at
    ) => new(Due(before, at), Due(after, at));
}
