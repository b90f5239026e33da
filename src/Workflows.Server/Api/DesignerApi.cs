// The designer's API: validation while drawing, drafts and publishing, version diff, forms, instance migration, export.
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Server.Application;
using Workflows.Server.Application.Designer;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Endpoints used by the browser designer (and by scripts: every one is plain REST).</summary>
public static class DesignerApi
{
    /// <summary>Maps the designer endpoints under <c>/api/definitions</c>, <c>/api/forms</c> and <c>/api/directory</c>.</summary>
    public static IEndpointRouteBuilder MapDesignerApi(this IEndpointRouteBuilder app)
    {
        var defs = app.MapGroup("/api/definitions").WithTags("Designer");
        defs.MapPost("/validate", ValidateAsync)
            .Accepts<string>("application/xml", "text/xml")
            .DisableAntiforgery();
        defs.MapGet("/export", ExportAsync).RequireAuthorization(Policies.Deploy);
        defs.MapGet("/{key}/draft", GetDraftAsync).RequireAuthorization(Policies.Deploy);
        defs.MapPut("/{key}/draft", SaveDraftAsync)
            .RequireAuthorization(Policies.Deploy)
            .Accepts<string>("application/xml", "text/xml")
            .DisableAntiforgery();
        defs.MapPost("/{key}/draft/publish", PublishAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery();
        defs.MapGet("/{key}/diff", DiffAsync);
        defs.MapPost("/{key}/migrations/plan", PlanAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery();
        defs.MapPost("/{key}/migrations/dry-run", DryRunAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery();
        defs.MapPost("/{key}/migrations", MigrateAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery();

        var forms = app.MapGroup("/api/forms").WithTags("Forms");
        forms.MapGet(
            "",
            async (FormVersions f, CancellationToken ct) => TypedResults.Ok(await f.ListAsync(ct))
        );
        forms.MapGet("/{key}", GetFormAsync);
        forms
            .MapPut("/{key}", SaveFormAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery();

        app.MapGet(
                "/api/directory/groups",
                (DirectoryCatalog directory) => TypedResults.Ok(directory.Groups)
            )
            .WithTags("Designer");
        return app;
    }

    /// <summary>The result of validating a BPMN document.</summary>
    public sealed record ValidationDto(bool Valid, IReadOnlyList<ErrorDto> Errors);

    /// <summary>One validation error.</summary>
    public sealed record ErrorDto(string? ElementId, int Line, string Message);

    /// <summary>A stored draft.</summary>
    public sealed record DraftDto(
        string Key,
        string? SavedBy,
        DateTimeOffset SavedAt,
        string ContentHash,
        bool Valid,
        IReadOnlyList<ErrorDto> Errors
    );

    /// <summary>The plan request.</summary>
    public sealed record PlanRequest(int From, int To);

    private static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    private static List<ErrorDto> Errors(
        IEnumerable<Workflows.Engine.Parsing.ValidationError> errors
    ) => errors.Select(e => new ErrorDto(e.ElementId, e.Line, e.Message)).ToList();

    private static async Task<Ok<ValidationDto>> ValidateAsync(
        HttpRequest request,
        DraftService drafts,
        CancellationToken ct
    )
    {
        var errors = Errors(await drafts.ValidateAsync(await ReadTextAsync(request, ct), ct));
        return TypedResults.Ok(new ValidationDto(errors.Count == 0, errors));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetDraftAsync(
        string key,
        DraftService drafts,
        CancellationToken ct
    ) =>
        await drafts.GetAsync(key, ct) is { } d
            ? TypedResults.Text(d.Content, "application/xml", Encoding.UTF8)
            : Problems.NotFound($"There is no draft of '{key}'.");

    private static async Task<Results<Ok<DraftDto>, ProblemHttpResult>> SaveDraftAsync(
        string key,
        HttpRequest request,
        DraftService drafts,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var xml = await ReadTextAsync(request, ct);
        if (string.IsNullOrWhiteSpace(xml))
            return Problems.BadRequest("A draft needs BPMN XML in the body.", "body");
        var errors = Errors(await drafts.ValidateAsync(xml, ct));
        var draft = await drafts.SaveAsync(key, xml, user.Identity?.Name, ct);
        return TypedResults.Ok(
            new DraftDto(
                key,
                draft.SavedBy,
                draft.SavedAt,
                draft.ContentHash,
                errors.Count == 0,
                errors
            )
        );
    }

    private static async Task<
        Results<
            Created<DefinitionsApi.DefinitionVersionDto>,
            Ok<DefinitionsApi.DefinitionVersionDto>,
            ProblemHttpResult
        >
    > PublishAsync(string key, DraftService drafts, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = await drafts.PublishAsync(key, user.Identity?.Name, ct);
        if (outcome.Missing is not null)
            return Problems.NotFound(outcome.Missing);
        if (outcome.Errors.Count > 0)
            return TypedResults.Problem(
                title: "The draft is not valid.",
                detail: string.Join("\n", outcome.Errors.Select(e => e.ToString())),
                statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errors"] = Errors(outcome.Errors) }
            );
        var dto = DefinitionsApi.ToDto(outcome.Deployed!.Definition!);
        return outcome.Deployed.Created
            ? TypedResults.Created($"/api/definitions/{dto.Key}/versions/{dto.Version}", dto)
            : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<DiffResult>, ProblemHttpResult>> DiffAsync(
        string key,
        int from,
        int to,
        Workflows.Data.WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var rows =
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Definitions.Where(d => d.Key == key && (d.Version == from || d.Version == to))
                    .Select(d => new { d.Version, d.Xml }),
                ct
            );
        var a = rows.FirstOrDefault(r => r.Version == from);
        var b = rows.FirstOrDefault(r => r.Version == to);
        if (a is null || b is null)
            return Problems.NotFound(
                $"Definition '{key}' has no version {(a is null ? from : to)}."
            );
        return TypedResults.Ok(DefinitionDiff.Compare(a.Xml, b.Xml));
    }

    private static async Task<Ok<PlanDto>> PlanAsync(
        string key,
        PlanRequest body,
        MigrationService migrations,
        CancellationToken ct
    ) => TypedResults.Ok(await migrations.PlanAsync(key, body.From, body.To, ct));

    private static async Task<Ok<IReadOnlyList<DryRunItem>>> DryRunAsync(
        string key,
        MigrationRequest body,
        MigrationService migrations,
        CancellationToken ct
    ) =>
        TypedResults.Ok(
            await migrations.DryRunAsync(
                key,
                body with
                {
                    Mapping = body.Mapping ?? new Dictionary<string, string>(),
                },
                ct
            )
        );

    private static async Task<
        Results<Accepted<RunOutcome>, UnprocessableEntity<RunOutcome>>
    > MigrateAsync(
        string key,
        MigrationRequest body,
        MigrationService migrations,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var outcome = await migrations.StartAsync(
            key,
            body with
            {
                Mapping = body.Mapping ?? new Dictionary<string, string>(),
            },
            user.Identity?.Name,
            ct
        );
        return outcome.Accepted
            ? TypedResults.Accepted($"/api/definitions/{key}/versions/{body.To}", outcome)
            : TypedResults.UnprocessableEntity(outcome);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFormAsync(
        string key,
        int? version,
        FormVersions forms,
        HttpResponse response,
        CancellationToken ct
    )
    {
        if (await forms.GetAsync(key, version, ct) is not { } form)
            return Problems.NotFound(
                $"No form '{key}'{(version is null ? "" : $" version {version}")}."
            );
        response.Headers["X-Form-Version"] = form.Version.ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );
        return TypedResults.Text(form.Schema, "application/json", Encoding.UTF8);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> SaveFormAsync(
        string key,
        HttpRequest request,
        FormVersions forms,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        try
        {
            var saved = await forms.SaveAsync(
                key,
                await ReadTextAsync(request, ct),
                user.Identity?.Name,
                ct
            );
            return TypedResults.Ok<object>(
                new
                {
                    saved.Key,
                    saved.Version,
                    saved.ContentHash,
                    saved.SavedBy,
                    saved.SavedAt,
                }
            );
        }
        catch (ArgumentException ex)
        {
            return Problems.BadRequest(ex.Message, "body");
        }
    }

    /// <summary>Used by the export endpoint's file name.</summary>
    private static async Task<FileContentHttpResult> ExportAsync(
        CatalogueExport export,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var bytes = await export.BuildAsync(ct);
        return TypedResults.File(
            bytes,
            "application/zip",
            $"workflows-{time.GetUtcNow():yyyyMMdd-HHmm}.zip"
        );
    }
}
