using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Server.Application;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>The working-day arithmetic for designers and clerks (when is a limit due), and loading a year's notice (admins).</summary>
public static class CalendarApi
{
    /// <summary>Maps <c>/api/calendar</c>.</summary>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar");
        group.MapGet("/due", Due);
        group.MapGet("/days/{day}", Day);
        group.MapGet("/years/{year:int}", Year);
        group.MapPut("/years/{year:int}", PutYearAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    /// <summary>A due moment.</summary>
    public sealed record DueDto(DateTimeOffset Due, bool Provisional, string Start, string Limit);

    /// <summary>One calendar day.</summary>
    public sealed record DayDto(string Day, bool IsWorkingDay, bool Provisional, string? Reason);

    /// <summary>A calendar year: official (from a notice) or provisional (computed from the statutory rules).</summary>
    public sealed record YearDto(
        int Year,
        bool Provisional,
        string Source,
        IReadOnlyList<CalendarHoliday> Holidays,
        IReadOnlyList<AdjustedWorkday> Workdays
    );

    /// <summary>The answer to loading a year: what it was before and how many open due dates moved.</summary>
    public sealed record YearLoadedDto(
        int Year,
        string Source,
        bool WasProvisional,
        int Recomputed
    );

    private static Results<Ok<YearDto>, ProblemHttpResult> Year(int year, WorkingCalendar calendar)
    {
        if (year is < 2000 or > 2099)
            return Problems.BadRequest($"Year {year} is outside 2000–2099.", "year");
        var data = calendar.Year(year);
        return TypedResults.Ok(
            new YearDto(
                year,
                calendar.IsProvisional(year),
                data.Source,
                data.Holidays,
                data.Workdays
            )
        );
    }

    // The State Council notice of a year (cn-YYYY.json, the format of workflows/calendars) replaces the year: the file is
    // written to the catalogue (other nodes take it at their next start), the shared calendar swaps it in, and every open
    // clock that depended on the year is recomputed, each move audited as sla.recomputed.
    private static async Task<Results<Ok<YearLoadedDto>, ProblemHttpResult>> PutYearAsync(
        int year,
        HttpRequest request,
        WorkingCalendar calendar,
        CatalogPaths paths,
        SlaRecompute recompute,
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var file = $"cn-{year}.json";
        string json;
        using (var reader = new StreamReader(request.Body))
            json = await reader.ReadToEndAsync(ct);
        CalendarYear data;
        try
        {
            data = CalendarLoader.Parse(json, file);
        }
        catch (InvalidDataException ex)
        {
            return Problems.BadRequest(ex.Message, "body");
        }
        if (data.Year != year)
            return Problems.BadRequest($"The document is for {data.Year}, not {year}.", "year");
        var wasProvisional = calendar.IsProvisional(year);
        if (paths.Calendars is { } directory)
        {
            Directory.CreateDirectory(directory);
            var target = Path.Combine(directory, file);
            var temp = target + ".tmp";
            await File.WriteAllTextAsync(temp, json, ct);
            File.Move(temp, target, overwrite: true);
        }
        calendar.LoadYear(data);
        var moved = await recompute.RecomputeYearAsync(year, ct);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = time.GetUtcNow(),
                Actor = CurrentUser.From(principal).UserName,
                Action = "calendar.loaded",
                DataJson = System.Text.Json.JsonSerializer.Serialize(
                    new
                    {
                        year,
                        source = data.Source,
                        wasProvisional,
                        recomputed = moved,
                    }
                ),
            }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new YearLoadedDto(year, data.Source, wasProvisional, moved));
    }

    private static Results<Ok<DueDto>, ProblemHttpResult> Due(
        string? start,
        string? limit,
        WorkingCalendar calendar
    )
    {
        if (string.IsNullOrWhiteSpace(start))
            return Problems.BadRequest(
                "'start' is required (YYYY-MM-DD or an ISO 8601 date-time).",
                "start"
            );
        if (string.IsNullOrWhiteSpace(limit))
            return Problems.BadRequest("'limit' is required (e.g. 7WD or PT4H).", "limit");
        DateTimeOffset from;
        if (
            DateOnly.TryParseExact(
                start,
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var day
            )
        )
            from = calendar.CloseOf(day).AddHours(-8); // a start given as a day counts from that day (during office hours)
        else if (
            !DateTimeOffset.TryParse(
                start,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out from
            )
        )
            return Problems.BadRequest(
                $"'{start}' is not a date (YYYY-MM-DD) or an ISO 8601 date-time.",
                "start"
            );
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
        if (
            !DateOnly.TryParseExact(
                day,
                "yyyy-MM-dd",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var d
            )
        )
            return Problems.BadRequest($"'{day}' is not a date (YYYY-MM-DD).", "day");
        var info = calendar.Describe(d);
        return TypedResults.Ok(
            new DayDto(
                day,
                info.IsWorkingDay,
                info.Provisional,
                info.Holiday?.Name ?? (info.AdjustedWorkday is null ? null : "adjusted workday")
            )
        );
    }
}
