// Specs for the pausable SLA clock: pauses add back working days, levels freeze while paused, JSON round trip.
using System.Text.Json;
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class SlaClockSpecs
{
    // Mon 2 Mar 2026 09:00 + 5WD: due Mon 9 Mar 17:30.
    private static readonly SlaClock FiveDays = SlaClock.Start(Local(2026, 3, 2), "5WD");

    [Fact]
    public void Running_clock_is_due_at_close_of_its_last_working_day()
    {
        var status = FiveDays.Evaluate(Official, Local(2026, 3, 4, 10));
        Assert.Equal(Close(2026, 3, 9), status.Due.Due);
        Assert.Equal(Close(2026, 3, 6), status.WarningAt);
        Assert.Equal(SlaLevel.Green, status.Level);
        Assert.Equal(2, status.WorkingDaysUsed); // Tue and Wed; Monday, the start day, is not counted
        Assert.False(status.IsPaused);
    }

    [Fact]
    public void Supplement_paused_over_three_working_days_moves_due_by_exactly_three_working_days()
    {
        // Paused Tue 10:00, resumed Fri 10:00: Wed, Thu, Fri are added back.
        var clock = FiveDays
            .Pause(Local(2026, 3, 3, 10), "supplement")
            .Resume(Local(2026, 3, 6, 10));
        var status = clock.Evaluate(Official, Local(2026, 3, 6, 11));
        Assert.Equal(3, status.PausedWorkingDays);
        Assert.Equal(Close(2026, 3, 12), status.Due.Due);
        Assert.Equal(1, status.WorkingDaysUsed);
    }

    [Fact]
    public void Pause_over_spring_festival_adds_back_only_the_working_days_it_covered()
    {
        // Tue 10 Feb + 5WD: 11, 12, 13, Sat 14, 24 Feb. Paused Fri 13 → Wed 25 Feb: Sat 14, 24, 25 are working days.
        var clock = SlaClock
            .Start(Local(2026, 2, 10), "5WD")
            .Pause(Local(2026, 2, 13, 10), "expert-review")
            .Resume(Local(2026, 2, 25, 10));
        var status = clock.Evaluate(Official, Local(2026, 2, 25, 11));
        Assert.Equal(3, status.PausedWorkingDays);
        Assert.Equal(Close(2026, 2, 27), status.Due.Due);
    }

    [Fact]
    public void Pause_starting_and_ending_the_same_day_adds_nothing()
    {
        var clock = FiveDays
            .Pause(Local(2026, 3, 3, 10), "supplement")
            .Resume(Local(2026, 3, 3, 16));
        var status = clock.Evaluate(Official, Local(2026, 3, 4));
        Assert.Equal(0, status.PausedWorkingDays);
        Assert.Equal(Close(2026, 3, 9), status.Due.Due);
        Assert.Equal(TimeSpan.FromHours(48 - 6), status.ActiveTime);
    }

    [Fact]
    public void Level_freezes_while_paused_and_due_keeps_moving()
    {
        // Paused Fri 6 Mar 18:00 (already yellow); on Thu 12 Mar it is still yellow, not red.
        var clock = FiveDays.Pause(Local(2026, 3, 6, 18), "public-notice");
        var status = clock.Evaluate(Official, Local(2026, 3, 12, 12));
        Assert.True(status.IsPaused);
        Assert.Equal(SlaLevel.Yellow, status.Level);
        Assert.Equal(4, status.PausedWorkingDays); // Mon 9 … Thu 12
        Assert.Equal(Close(2026, 3, 13), status.Due.Due);
    }

    [Fact]
    public void Elapsed_limit_gets_the_paused_elapsed_time_back()
    {
        var clock = SlaClock
            .Start(Local(2026, 3, 2, 9), "PT4H")
            .Pause(Local(2026, 3, 2, 10), "supplement")
            .Resume(Local(2026, 3, 2, 11, 30));
        var status = clock.Evaluate(Official, Local(2026, 3, 2, 12));
        Assert.Equal(Local(2026, 3, 2, 14, 30), status.Due.Due);
        Assert.Equal(TimeSpan.FromHours(1.5), status.ActiveTime);
    }

    [Fact]
    public void Clock_stopped_after_due_finished_late_and_stays_red()
    {
        var clock = FiveDays.Stop(Local(2026, 3, 10, 9));
        var status = clock.Evaluate(Official, Local(2026, 4, 1));
        Assert.True(status.IsStopped);
        Assert.True(status.FinishedLate);
        Assert.Equal(SlaLevel.Red, status.Level);
        Assert.Equal(6, status.WorkingDaysUsed);
    }

    [Fact]
    public void Clock_stopped_on_time_keeps_its_level_at_the_stop()
    {
        var clock = FiveDays.Stop(Local(2026, 3, 5, 9));
        var status = clock.Evaluate(Official, Local(2026, 4, 1));
        Assert.Equal(SlaLevel.Green, status.Level);
        Assert.False(status.FinishedLate);
        Assert.Equal(3, status.WorkingDaysUsed);
    }

    [Fact]
    public void Stopping_a_paused_clock_ends_the_pause()
    {
        var clock = FiveDays.Pause(Local(2026, 3, 3, 10), "supplement").Stop(Local(2026, 3, 5, 10));
        Assert.False(clock.IsPaused);
        Assert.Equal(Local(2026, 3, 5, 10), clock.Pauses.Single().ResumedAt);
        Assert.Equal(2, clock.Evaluate(Official, Local(2026, 3, 6)).PausedWorkingDays);
    }

    [Fact]
    public void Invalid_transitions_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => FiveDays.Resume(Local(2026, 3, 3)));
        var paused = FiveDays.Pause(Local(2026, 3, 3), "supplement");
        Assert.Throws<InvalidOperationException>(() => paused.Pause(Local(2026, 3, 4), "again"));
        Assert.Throws<InvalidOperationException>(() => paused.Resume(Local(2026, 3, 2)));
        Assert.Throws<InvalidOperationException>(() =>
            FiveDays.Pause(Local(2026, 3, 1), "before start")
        );
        var stopped = FiveDays.Stop(Local(2026, 3, 4));
        Assert.Throws<InvalidOperationException>(() =>
            stopped.Pause(Local(2026, 3, 5), "supplement")
        );
        Assert.Throws<InvalidOperationException>(() => stopped.Stop(Local(2026, 3, 5)));
        Assert.Throws<FormatException>(() => SlaClock.Start(Local(2026, 3, 2), "five days"));
    }

    [Fact]
    public void Clock_round_trips_through_system_text_json()
    {
        var clock = SlaClock
            .Start(Local(2026, 3, 2), "5WD", "80%")
            .Pause(Local(2026, 3, 3, 10), "supplement")
            .Resume(Local(2026, 3, 6, 10))
            .Pause(Local(2026, 3, 9, 10), "expert-review");
        var json = JsonSerializer.Serialize(clock);
        var back = JsonSerializer.Deserialize<SlaClock>(json)!;

        Assert.DoesNotContain("IsPaused", json);
        Assert.Equal(clock.StartedAt, back.StartedAt);
        Assert.Equal("80%", back.Warning);
        Assert.Equal(clock.Pauses, back.Pauses);
        Assert.True(back.IsPaused);
        var at = Local(2026, 3, 12);
        Assert.Equal(clock.Evaluate(Official, at), back.Evaluate(Official, at));
    }

    [Fact]
    public void Clock_running_into_2027_is_provisional_and_recomputed_when_the_file_lands()
    {
        var clock = SlaClock.Start(Local(2027, 2, 4), "1WD");
        var status = clock.Evaluate(Official, Local(2027, 2, 5));
        Assert.True(status.Provisional);

        var notice = new CalendarYear
        {
            Year = 2027,
            Source = "hypothetical notice for the test",
            Holidays =
            [
                new CalendarHoliday(
                    "春节",
                    "Spring Festival",
                    [.. Enumerable.Range(5, 9).Select(d => Day(2027, 2, d))]
                ),
            ],
            Workdays = [new AdjustedWorkday(Day(2027, 2, 14), "春节调休上班")],
        };
        var change = clock.Recompute(Official, Official.WithYear(notice), Local(2027, 2, 5));
        Assert.True(change.Changed);
        Assert.Equal(Close(2027, 2, 14), change.After.Due);
    }
}
