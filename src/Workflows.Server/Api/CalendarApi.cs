using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Calendar;

namespace Workflows.Server.Api;

/// <summary>The working-day arithmetic for designers and clerks: when is a limit due.</summary>
public static class CalendarApi
{
    /// <summary>Maps <c>/api/calendar</c>.</summary>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/due", Due);
        group.MapGet("/days/{day}", Day);
        return app;
    }

    /// <summary>A due moment.</summary>
    public sealed record DueDto(DateTimeOffset Due, bool Provisional, string Start, string Limit);

    /// <summary>One calendar day.</summary>
    public sealed record DayDto(string Day, bool IsWorkingDay, bool Provisional, string? Reason);

    private static Results<Ok<DueDto>, ProblemHttpResult> Due(string? start, string? limit, WorkingCalendar calendar)
    {
        if (string.IsNullOrWhiteSpace(start))
            return Problems.BadRequest("'start' is required (YYYY-MM-DD or an ISO 8601 date-time).", "start");
        if (string.IsNullOrWhiteSpace(limit))
            return Problems.BadRequest("'limit' is required (e.g. 7WD or PT4H).", "limit");
        DateTimeOffset from;
        if (DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            from = calendar.CloseOf(day).AddHours(-8); // a start given as a day counts from that day (during office hours)
        else if (!DateTimeOffset.TryParse(start, CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
            return Problems.BadRequest($"'{start}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.", "start");
        try
        {
            var due = calendar.Add(from, limit);
            return TypedResults.Ok(new DueDto(due.Due, due.Provisional, start, limit));
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest(ex.Message, "limit");
        }
    }

    private static Results<Ok<DayDto>, ProblemHttpResult> Day(string day, WorkingCalendar calendar)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return Problems.BadRequest($"'{day}' is not a date (YYYY-MM-DD).", "day");
        var info = calendar.Describe(d);
        return TypedResults.Ok(new DayDto(day, info.IsWorkingDay, info.Provisional, info.Holiday?.Name ?? (info.AdjustedWorkday is null ? null : "adjusted workday")));
    }
}
