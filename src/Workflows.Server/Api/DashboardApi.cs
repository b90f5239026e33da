// Read models and small actions the workbench, dashboard and portal pages need beyond the tasks and SLA APIs:
// the procedure catalogue with committed limits and materials, SQL aggregates for the dashboard, the applicant's
// own uploads and the service rating (好差评) with a follow-up for poor ratings.
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Calendar;
using Workflows.Server.Application;
using Workflows.Server.Application.Dashboard;
using Workflows.Server.Application.Notifications;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Maps <c>/api/procedures</c>, <c>/api/dashboard</c> and <c>/api/portal</c>.</summary>
public static class DashboardApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/procedures", ProceduresAsync).WithTags("Portal");
        app.MapGet("/api/procedures/{key}/materials", MaterialsAsync).WithTags("Portal");
        app.MapGet(
                "/api/directory/bureaus",
                (DirectoryCatalog directory) => TypedResults.Ok(directory.Bureaus)
            )
            .WithTags("Portal");
        app.MapGet("/api/dashboard/aggregates", AggregatesAsync).WithTags("Dashboard");
        app.MapGet("/api/dashboard/days-left", DaysLeft).WithTags("Dashboard");
        var portal = app.MapGroup("/api/portal")
            .WithTags("Portal")
            .AddEndpointFilter<TaskProblemFilter>();
        portal.MapGet("/cases", MyCasesAsync);
        portal.MapPost("/instances/{id:guid}/materials", UploadMaterialsAsync).DisableAntiforgery();
        portal.MapPost("/tasks/{id}/rate", RateAsync);
        return app;
    }

    /// <summary>A published procedure as the portal shows it.</summary>
    public sealed record ProcedureDto(
        string Key,
        string? Name,
        string? NameEn,
        int Version,
        string? CommittedLimit,
        string? StatutoryLimit,
        string? Materials
    );

    /// <summary>One item of a materials checklist (材料清单).</summary>
    public sealed record MaterialDto(
        string Key,
        string Name,
        string? NameEn,
        bool Required,
        string? Note
    );

    /// <summary>An applicant's case in the portal.</summary>
    public sealed record MyCaseDto(
        Guid Id,
        string DefinitionKey,
        string? BusinessKey,
        string Status,
        DateTimeOffset CreatedAt,
        DateTimeOffset? EndedAt
    );

    internal static async Task<List<ProcedureDto>> ListProceduresAsync(
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var latest = await db
            .Definitions.AsNoTracking()
            .Select(d => new
            {
                d.Key,
                d.Version,
                d.Name,
                d.NameEn,
                d.Xml,
            })
            .ToListAsync(ct);
        return latest
            .GroupBy(d => d.Key)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d =>
            {
                var (committed, statutory, materials) = ReadProcessAttributes(d.Xml);
                return new ProcedureDto(
                    d.Key,
                    d.Name,
                    d.NameEn,
                    d.Version,
                    committed,
                    statutory,
                    materials ?? d.Key
                );
            })
            .ToList();
    }

    private static async Task<Ok<List<ProcedureDto>>> ProceduresAsync(
        WorkflowsDbContext db,
        CancellationToken ct
    ) => TypedResults.Ok(await ListProceduresAsync(db, ct));

    // The catalogue's process attributes (wf:committedLimit…) are read from the stored XML so every version answers for itself.
    private static (string? Committed, string? Statutory, string? Materials) ReadProcessAttributes(
        string xml
    )
    {
        try
        {
            var process = XDocument
                .Parse(xml)
                .Descendants()
                .FirstOrDefault(e => e.Name.LocalName == "process");
            if (process is null)
                return (null, null, null);
            string? Attr(string name) =>
                process.Attributes().FirstOrDefault(a => a.Name.LocalName == name)?.Value;
            var materials = process
                .Elements()
                .Where(e => e.Name.LocalName == "extensionElements")
                .Descendants()
                .FirstOrDefault(e =>
                    e.Name.LocalName == "property" && (string?)e.Attribute("name") == "materials"
                )
                ?.Attribute("value")
                ?.Value;
            return (Attr("committedLimit"), Attr("statutoryLimit"), materials);
        }
        catch (System.Xml.XmlException)
        {
            return (null, null, null);
        }
    }

    private static async Task<Results<Ok<List<MaterialDto>>, ProblemHttpResult>> MaterialsAsync(
        string key,
        WorkflowsDbContext db,
        CatalogPaths paths,
        CancellationToken ct
    )
    {
        var procedure = (await ListProceduresAsync(db, ct)).FirstOrDefault(p => p.Key == key);
        var name = procedure?.Materials ?? key;
        if (paths.Root is null || name.IndexOfAny(['/', '\\', '.']) >= 0)
            return Problems.NotFound($"No materials checklist for '{key}'.");
        var file = Path.Combine(paths.Root, "materials", name + ".json");
        if (!File.Exists(file))
            return Problems.NotFound($"No materials checklist for '{key}'.");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(file, ct));
        var items = (json?["items"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(i => new MaterialDto(
                (string?)i["key"] ?? "",
                (string?)i["name"] ?? "",
                (string?)i["nameEn"],
                i["required"]?.GetValue<bool>() ?? false,
                (string?)i["note"]
            ))
            .ToList();
        return TypedResults.Ok(items);
    }

    // The charts' queries live in DashboardQueries, shared with the dashboard benchmark.
    private static async Task<Results<Ok<AggregatesDto>, ProblemHttpResult>> AggregatesAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? bureau,
        string? procedure,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (!(user.ReadsEverything || user.IsIn(Roles.Chief)))
            return TypedResults.Problem(
                title: "Forbidden",
                detail: "The dashboard is for managers, supervisors and chiefs.",
                statusCode: 403
            );
        return TypedResults.Ok(
            await new DashboardQueries(db).AggregatesAsync(
                user,
                new DashboardFilter(from, to, bureau, procedure),
                ct
            )
        );
    }

    // Working days left until each due moment (negative when overdue), counted on the official calendar.
    private static Ok<Dictionary<string, int>> DaysLeft(
        string[]? due,
        WorkingCalendar calendar,
        TimeProvider time
    )
    {
        var now = time.GetUtcNow();
        var answer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in (due ?? []).Distinct(StringComparer.Ordinal).Take(200))
        {
            if (
                !DateTimeOffset.TryParse(
                    d,
                    System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None,
                    out var at
                )
            )
                continue;
            answer[d] =
                at >= now
                    ? calendar.CountWorkingDays(now, at).Days.Value
                    : -calendar.CountWorkingDays(at, now).Days.Value;
        }
        return TypedResults.Ok(answer);
    }

    private static async Task<Ok<List<MyCaseDto>>> MyCasesAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var cases = await db
            .Instances.AsNoTracking()
            .Where(i => i.StartedBy == user.UserName)
            .OrderByDescending(i => i.CreatedAt)
            .Take(50)
            .Select(i => new MyCaseDto(
                i.Id,
                i.DefinitionKey,
                i.BusinessKey,
                i.Status,
                i.CreatedAt,
                i.EndedAt
            ))
            .ToListAsync(ct);
        return TypedResults.Ok(cases);
    }

    // The applicant attaches the materials to the case they started; no task is needed yet (the window check is staff work).
    private static async Task<
        Results<Ok<List<AttachmentDto>>, ProblemHttpResult>
    > UploadMaterialsAsync(
        Guid id,
        HttpRequest request,
        WorkflowsDbContext db,
        AttachmentService attachments,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null || instance.StartedBy != user.UserName)
            return Problems.NotFound($"Instance {id} does not exist.");
        if (!request.HasFormContentType)
            throw new BadFieldException("file", "Upload files as multipart/form-data.");
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            throw new BadFieldException("file", "No file in the request.");
        var stored = new List<AttachmentEntity>();
        foreach (var file in form.Files)
        {
            // Each file's form field name is its material key (one request carries the whole application).
            var material =
                file.Name is { Length: > 0 } n && n != "file" ? n
                : form["materialKey"].ToString() is { Length: > 0 } m ? m
                : null;
            stored.Add(await attachments.StoreAsync(id, null, material, file, user.UserName, ct));
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(stored.Select(AttachmentDto.Of).ToList());
    }

    // Completes the rating task; a poor rating (≤ 2) becomes a follow-up for every supervisor.
    private static async Task<Ok<TasksApi.TaskDto>> RateAsync(
        string id,
        HttpRequest request,
        TaskService tasks,
        WorkflowsDbContext db,
        INotifier notifier,
        DirectoryCatalog directory,
        TimeProvider time,
        ClaimsPrincipal principal,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        var body = await JsonBody.ReadObjectAsync(request, ct);
        var rating =
            JsonBody.Int(body, "rating")
            ?? (int.TryParse(JsonBody.String(body, "rating"), out var r) ? r : 0);
        if (rating is < 1 or > 5)
            throw new BadFieldException("rating", "Choose a rating from 1 to 5.");
        var comment = JsonBody.String(body, "ratingComment");
        var done = await tasks.CompleteAsync(
            id,
            new JsonObject
            {
                ["rating"] = rating.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ratingComment"] = comment,
            },
            user,
            ct
        );
        if (rating <= 2)
        {
            var supervisors = directory
                .Users.Where(u => u.Roles.Contains(Roles.Supervisor))
                .Select(u => u.UserName)
                .ToList();
            var data = new JsonObject
            {
                ["rating"] = rating,
                ["comment"] = comment,
                ["taskId"] = id,
            };
            db.AuditEvents.Add(
                new AuditEventEntity
                {
                    At = time.GetUtcNow(),
                    Actor = user.UserName,
                    Action = "rating.poor",
                    InstanceId = done.InstanceId,
                    TaskId = id,
                    DataJson = data.ToJsonString(),
                }
            );
            await notifier.NotifyAsync(
                db,
                new NotificationMessage(
                    supervisors,
                    "rating.poor",
                    $"差评回访 {done.BusinessKey} / Poor rating follow-up {done.BusinessKey}",
                    $"申请人评价 {rating} 星：{comment} / The applicant rated the service {rating} of 5: {comment}",
                    $"rating.poor:{id}",
                    done.InstanceId,
                    id
                ),
                ct
            );
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(TasksApi.ToDto(done));
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
