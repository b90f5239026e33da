// The SLA read API: open clocks by level, statistics per bureau and procedure, supervision records, a case's clocks.
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Server.Application.Dashboard;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>
/// Maps <c>/api/sla</c> and <c>/api/instances/{id}/clocks</c>. Managers, supervisors and admins see every bureau; a
/// chief or clerk sees their own bureau; applicants see only their own cases' clocks.
/// </summary>
public static class SlaApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSlaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/sla").WithTags("SLA");
        group.MapGet("/cases", CasesAsync);
        group.MapGet("/summary", SummaryAsync);
        group.MapGet("/supervision", SupervisionAsync);
        group.MapPost("/supervision/{id:guid}/close", CloseAsync);
        app.MapGet("/api/instances/{id:guid}/clocks", ClocksAsync).WithTags("SLA");
        return app;
    }

    /// <summary>An open clock on the dashboard.</summary>
    public sealed record SlaCaseDto(
        Guid ClockId,
        Guid InstanceId,
        string? BusinessKey,
        string? ApplicantName,
        string DefinitionKey,
        string Kind,
        string? TaskId,
        string? ElementId,
        string? StepName,
        string? StepNameEn,
        string? Bureau,
        string? Responsible,
        string Status,
        string Level,
        DateTimeOffset StartedAt,
        DateTimeOffset? DueAt,
        DateTimeOffset? WarningAt,
        DateTimeOffset? StatutoryDueAt,
        int WorkingDaysLeft,
        bool Provisional
    );

    /// <summary>A supervision record.</summary>
    public sealed record SupervisionDto(
        Guid Id,
        Guid ClockId,
        Guid InstanceId,
        string? BusinessKey,
        string? TaskId,
        string DefinitionKey,
        string? ElementId,
        string? Bureau,
        string? Responsible,
        DateTimeOffset DueAt,
        DateTimeOffset BreachedAt,
        int WorkingDaysLate,
        string Status,
        DateTimeOffset? ClosedAt,
        string? ClosedBy,
        string? Note
    );

    /// <summary>A clock of a case with its history.</summary>
    public sealed record ClockDto(
        Guid Id,
        string Kind,
        string? TaskId,
        string? ElementId,
        string? Bureau,
        string Limit,
        string? StatutoryLimit,
        string Warning,
        string Status,
        string Level,
        DateTimeOffset StartedAt,
        DateTimeOffset? DueAt,
        DateTimeOffset? WarningAt,
        DateTimeOffset? StatutoryDueAt,
        DateTimeOffset? StoppedAt,
        bool Provisional,
        bool? FinishedLate,
        double? WorkingDaysUsed,
        int PausedWorkingDays,
        IReadOnlyList<SlaPause> Pauses,
        IReadOnlyList<ClockEventDto> Events
    );

    /// <summary>One event in a clock's history (<c>sla.started</c>, <c>sla.paused</c>, <c>sla.yellow</c>…).</summary>
    public sealed record ClockEventDto(
        DateTimeOffset At,
        string Action,
        string? Actor,
        JsonNode? Data
    );

    private static async Task<Results<Ok<Page<SlaCaseDto>>, ProblemHttpResult>> CasesAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        WorkingCalendar calendar,
        TimeProvider time,
        string? level,
        string? bureau,
        string? procedure,
        string? kind,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (Scope(user) is { } forbidden)
            return forbidden;
        var paging = Paging.Of(page, pageSize);
        var (rows, total, tasks, instances) = await new SlaListQueries(db).OpenClocksAsync(
            user,
            new OpenClocksFilter(level, bureau, procedure, kind),
            paging.Skip,
            paging.Size,
            ct
        );
        var now = time.GetUtcNow();
        var items = rows.Select(r =>
            {
                var task = r.TaskId is { } t ? tasks.GetValueOrDefault(t) : null;
                var instance = instances.GetValueOrDefault(r.InstanceId);
                return new SlaCaseDto(
                    r.Id,
                    r.InstanceId,
                    instance?.BusinessKey,
                    instance?.ApplicantName,
                    r.DefinitionKey,
                    r.Kind,
                    r.TaskId,
                    r.ElementId,
                    task?.Name,
                    task?.NameEn,
                    r.Bureau,
                    task?.Assignee,
                    r.Status,
                    r.Level,
                    r.StartedAt,
                    r.DueAt,
                    r.WarningAt,
                    r.StatutoryDueAt,
                    WorkingDaysLeft(calendar, now, r.DueAt),
                    r.Provisional
                );
            })
            .ToList();
        return TypedResults.Ok(new Page<SlaCaseDto>(items, total, paging.Number, paging.Size));
    }

    private static async Task<Results<Ok<SlaSummaryDto>, ProblemHttpResult>> SummaryAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? kind,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (Scope(user) is { } forbidden)
            return forbidden;
        return TypedResults.Ok(
            await new SlaSummaryQueries(db).SummaryAsync(user, from, to, kind, ct)
        );
    }

    private static async Task<
        Results<Ok<Page<SupervisionDto>>, ProblemHttpResult>
    > SupervisionAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        WorkingCalendar calendar,
        string? status,
        string? bureau,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (Scope(user) is { } forbidden)
            return forbidden;
        var paging = Paging.Of(page, pageSize);
        var (rows, total, keys) = await new SlaListQueries(db).SupervisionAsync(
            user,
            status,
            bureau,
            paging.Skip,
            paging.Size,
            ct
        );
        var items = rows.Select(s => new SupervisionDto(
                s.Id,
                s.ClockId,
                s.InstanceId,
                keys.GetValueOrDefault(s.InstanceId),
                s.TaskId,
                s.DefinitionKey,
                s.ElementId,
                s.Bureau,
                s.Responsible,
                s.DueAt,
                s.BreachedAt,
                calendar.CountWorkingDays(s.DueAt, s.ClosedAt ?? s.BreachedAt).Days.Value,
                s.Status,
                s.ClosedAt,
                s.ClosedBy,
                s.Note
            ))
            .ToList();
        return TypedResults.Ok(new Page<SupervisionDto>(items, total, paging.Number, paging.Size));
    }

    private static async Task<Results<Ok<SupervisionDto>, ProblemHttpResult>> CloseAsync(
        Guid id,
        HttpRequest request,
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        WorkingCalendar calendar,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (!(user.IsIn(Roles.Supervisor) || user.IsIn(Roles.Admin)))
            return TypedResults.Problem(
                title: "Forbidden",
                detail: "Only a supervisor or an admin may close a supervision record.",
                statusCode: 403
            );
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var note = JsonBody.String(body, "note");
        var record = await db.SupervisionRecords.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (record is null)
            return Problems.NotFound($"Supervision record {id} does not exist.");
        if (record.Status == "closed")
            return Problems.Conflict($"Supervision record {id} is already closed.", record.Status);
        var now = time.GetUtcNow();
        record.Status = "closed";
        record.ClosedAt = now;
        record.ClosedBy = user.UserName;
        record.Note = note;
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = user.UserName,
                Action = "sla.supervision.closed",
                InstanceId = record.InstanceId,
                TaskId = record.TaskId,
                ElementId = record.ElementId,
                DataJson = new JsonObject
                {
                    ["clockId"] = record.ClockId,
                    ["supervisionId"] = record.Id,
                    ["note"] = note,
                }.ToJsonString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(
            new SupervisionDto(
                record.Id,
                record.ClockId,
                record.InstanceId,
                null,
                record.TaskId,
                record.DefinitionKey,
                record.ElementId,
                record.Bureau,
                record.Responsible,
                record.DueAt,
                record.BreachedAt,
                calendar.CountWorkingDays(record.DueAt, record.BreachedAt).Days.Value,
                record.Status,
                record.ClosedAt,
                record.ClosedBy,
                record.Note
            )
        );
    }

    private static async Task<Results<Ok<List<ClockDto>>, ProblemHttpResult>> ClocksAsync(
        Guid id,
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        WorkingCalendar calendar,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (
            instance is null
            || !await InstancesApi.CanReadAsync(db, CurrentUser.From(principal), instance, ct)
        )
            return Problems.NotFound($"Instance {id} does not exist.");
        var clocks = await db
            .SlaClocks.AsNoTracking()
            .Where(c => c.InstanceId == id)
            .OrderBy(c => c.StartedAt)
            .ThenBy(c => c.Id)
            .ToListAsync(ct);
        var events = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.InstanceId == id && a.Action.StartsWith("sla."))
            .OrderBy(a => a.Id)
            .ToListAsync(ct);
        var parsed = events
            .Select(a => (Event: a, Data: a.DataJson is null ? null : JsonNode.Parse(a.DataJson)))
            .ToList();
        var now = time.GetUtcNow();
        return TypedResults.Ok(
            clocks
                .Select(c =>
                {
                    var clock = SlaClockRows.Read(c);
                    var status = clock.Evaluate(calendar, now);
                    var history = parsed
                        .Where(p => p.Data?["clockId"]?.GetValue<Guid>() == c.Id)
                        .Select(p => new ClockEventDto(
                            p.Event.At,
                            p.Event.Action,
                            p.Event.Actor,
                            p.Data
                        ))
                        .ToList();
                    return new ClockDto(
                        c.Id,
                        c.Kind,
                        c.TaskId,
                        c.ElementId,
                        c.Bureau,
                        c.Limit,
                        c.StatutoryLimit,
                        c.Warning,
                        c.Status,
                        c.Level,
                        c.StartedAt,
                        c.DueAt,
                        c.WarningAt,
                        c.StatutoryDueAt,
                        c.StoppedAt,
                        c.Provisional,
                        c.FinishedLate,
                        c.WorkingDaysUsed,
                        status.PausedWorkingDays,
                        clock.Pauses,
                        history
                    );
                })
                .ToList()
        );
    }

    // Applicants (and users with no role) have no dashboard.
    private static ProblemHttpResult? Scope(CurrentUser user) =>
        user.ReadsEverything || user.IsIn(Roles.Chief) || user.IsIn(Roles.Clerk)
            ? null
            : TypedResults.Problem(
                title: "Forbidden",
                detail: "The SLA dashboard is for staff.",
                statusCode: 403
            );

    private static int WorkingDaysLeft(
        WorkingCalendar calendar,
        DateTimeOffset now,
        DateTimeOffset? due
    ) =>
        due is not { } d ? 0
        : d >= now ? calendar.CountWorkingDays(now, d).Days.Value
        : -calendar.CountWorkingDays(d, now).Days.Value;
}
