// Specs for counting and adding working days on the official 2025/2026 calendar.
using Workflows.Engine.Calendar;
using static Workflows.Engine.Tests.Calendar.CalendarFixtures;

namespace Workflows.Engine.Tests.Calendar;

public class WorkingDayArithmeticSpecs
{
    private static DueDate Add(DateTimeOffset start, int days) =>
        Official.AddWorkingDays(start, new WorkingDays(days));

    [Fact]
    public void Spring_festival_2026_is_skipped_and_working_saturday_before_it_counts()
    {
        // Thu 12 Feb: Fri 13 (1), Sat 14 worked (2), 15–23 off, Tue 24 (3).
        var due = Add(Local(2026, 2, 12, 10), 3);
        Assert.Equal(Close(2026, 2, 24), due.Due);
        Assert.False(due.Provisional);
    }

    [Fact]
    public void Working_saturday_after_spring_festival_2026_counts()
    {
        Assert.Equal(Close(2026, 2, 28), Add(Local(2026, 2, 26), 2).Due);
    }

    [Theory]
    [InlineData(1, 26)] // Sun 26 Jan worked
    [InlineData(2, 27)]
    public void Spring_festival_2025_counts_the_working_sunday_before_it(
        int days,
        int expectedJanuaryDay
    )
    {
        Assert.Equal(Close(2025, 1, expectedJanuaryDay), Add(Local(2025, 1, 24), days).Due);
    }

    [Fact]
    public void Spring_festival_2025_break_is_skipped_and_working_saturday_after_it_counts()
    {
        Assert.Equal(Close(2025, 2, 5), Add(Local(2025, 1, 24), 3).Due);
        Assert.Equal(Close(2025, 2, 8), Add(Local(2025, 2, 7), 1).Due);
    }

    [Theory]
    [InlineData(1, 10, 9)]
    [InlineData(2, 10, 10)]
    [InlineData(3, 10, 11)] // Sat 11 Oct worked
    [InlineData(4, 10, 13)]
    public void National_day_2025_eight_day_break_is_skipped(int days, int month, int day)
    {
        Assert.Equal(Close(2025, month, day), Add(Local(2025, 9, 30), days).Due);
    }

    [Fact]
    public void National_day_2025_working_sunday_before_the_break_counts()
    {
        Assert.Equal(Close(2025, 9, 28), Add(Local(2025, 9, 26), 1).Due);
    }

    [Fact]
    public void Mid_autumn_and_national_day_2026_are_skipped_and_working_weekend_days_count()
    {
        Assert.Equal(Close(2026, 9, 20), Add(Local(2026, 9, 18), 1).Due); // Sun 20 Sep worked
        Assert.Equal(Close(2026, 9, 28), Add(Local(2026, 9, 24), 1).Due); // 25–27 Mid-Autumn
        Assert.Equal(Close(2026, 10, 8), Add(Local(2026, 9, 30), 1).Due); // 1–7 Oct off
        Assert.Equal(Close(2026, 10, 10), Add(Local(2026, 9, 30), 3).Due); // Sat 10 Oct worked
    }

    [Fact]
    public void Year_boundary_2025_to_2026_lands_on_the_working_sunday_4_january()
    {
        Assert.Equal(Close(2026, 1, 4), Add(Local(2025, 12, 31, 11), 1).Due);
        Assert.Equal(Close(2026, 1, 5), Add(Local(2025, 12, 31, 11), 2).Due);
    }

    [Fact]
    public void Due_moment_is_close_of_business_in_china_standard_time()
    {
        var due = Add(Local(2026, 3, 2), 1).Due;
        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero),
            due.ToUniversalTime()
        );
    }

    [Fact]
    public void Start_instant_given_in_utc_is_counted_from_its_china_local_day()
    {
        // 20:00 UTC on Fri 13 Feb 2026 is already Sat 14 Feb 04:00 in Beijing, a working Saturday that is not counted.
        var start = new DateTimeOffset(2026, 2, 13, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(Close(2026, 2, 24), Add(start, 1).Due);
    }

    [Fact]
    public void Start_on_a_holiday_counts_from_the_next_working_day()
    {
        Assert.Equal(Close(2026, 2, 24), Add(Local(2026, 2, 16), 1).Due);
        Assert.Equal(Close(2026, 3, 9), Add(Local(2026, 3, 7), 1).Due); // Saturday start
    }

    [Fact]
    public void Start_after_close_of_business_still_does_not_count_the_start_day()
    {
        Assert.Equal(Close(2026, 3, 3), Add(Local(2026, 3, 2, 20), 1).Due);
    }

    [Fact]
    public void Zero_working_days_is_due_at_close_of_the_start_day()
    {
        Assert.Equal(Close(2026, 2, 13), Add(Local(2026, 2, 13, 10), 0).Due);
    }

    [Fact]
    public void Zero_working_days_after_close_of_business_is_due_at_close_of_the_next_working_day()
    {
        Assert.Equal(Close(2026, 2, 14), Add(Local(2026, 2, 13, 18), 0).Due);
    }

    [Fact]
    public void Zero_working_days_on_a_holiday_is_due_at_close_of_the_first_working_day_after_it()
    {
        Assert.Equal(Close(2026, 2, 24), Add(Local(2026, 2, 15, 10), 0).Due);
    }

    [Fact]
    public void Working_days_are_counted_without_the_start_day()
    {
        Assert.Equal(2, Official.CountWorkingDays(Day(2026, 2, 13), Day(2026, 2, 24)).Days.Value);
        Assert.Equal(0, Official.CountWorkingDays(Day(2026, 2, 24), Day(2026, 2, 24)).Days.Value);
        Assert.Equal(0, Official.CountWorkingDays(Day(2026, 2, 24), Day(2026, 2, 20)).Days.Value);
        Assert.Equal(
            1,
            Official.CountWorkingDays(Local(2026, 3, 2, 9), Local(2026, 3, 3, 8)).Days.Value
        );
    }

    [Fact]
    public void Counting_back_gives_the_day_adding_forward_started_from()
    {
        var back = Official.SubtractWorkingDays(Day(2026, 2, 24), new WorkingDays(3));
        Assert.Equal(Day(2026, 2, 12), back.Day);
        Assert.Equal(Day(2026, 2, 24), Official.AddWorkingDays(back.Day, new WorkingDays(3)).Day);
    }

    [Fact]
    public void Business_calendar_interface_adds_working_day_limits_and_durations()
    {
        IBusinessCalendar calendar = Official;
        Assert.Equal(
            new DueDate(Close(2026, 2, 24), false),
            calendar.Add(Local(2026, 2, 12), "3WD")
        );
        Assert.Equal(Local(2026, 2, 15, 9), calendar.Add(Local(2026, 2, 12), "P3D").Due);
    }

    [Fact]
    public void Close_of_business_is_configurable()
    {
        var calendar = WorkingCalendar.FromDirectory(
            CalendarDirectory,
            new CalendarOptions { CloseOfBusiness = new TimeOnly(18, 0) }
        );
        Assert.Equal(Local(2026, 2, 24, 18), calendar.Add(Local(2026, 2, 12), "3WD").Due);
    }
}
