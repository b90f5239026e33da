using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Deploy BPMN files as immutable versions and read them back.</summary>
public static class DefinitionsApi
{
    /// <summary>Maps <c>/api/definitions</c>.</summary>
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");
        group
            .MapPost("", DeployAsync)
            .RequireAuthorization(Policies.Deploy)
            .DisableAntiforgery()
            .Accepts<string>("application/xml", "text/xml", "multipart/form-data");
        group.MapGet("", ListAsync);
        group.MapGet("/{key}/versions", VersionsAsync);
        group.MapGet("/{key}/versions/{version:int}/xml", XmlAsync);
        return app;
    }

    /// <summary>A stored version.</summary>
    public sealed record DefinitionVersionDto(
        Guid Id,
        string Key,
        int Version,
        string? Name,
        string? NameEn,
        string ContentHash,
        string? DeployedBy,
        DateTimeOffset DeployedAt
    );

    /// <summary>A definition key with its latest version.</summary>
    public sealed record DefinitionSummaryDto(
        string Key,
        string? Name,
        string? NameEn,
        int LatestVersion,
        Guid LatestId,
        DateTimeOffset DeployedAt
    );

    private static async Task<
        Results<Created<DefinitionVersionDto>, Ok<DefinitionVersionDto>, ProblemHttpResult>
    > DeployAsync(
        HttpRequest request,
        DeploymentService deployment,
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        string xml;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.FirstOrDefault();
            if (file is null)
                return Problems.BadRequest("A multipart deploy needs one BPMN file.", "file");
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            xml = await reader.ReadToEndAsync(ct);
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            xml = await reader.ReadToEndAsync(ct);
        }
        var outcome = await deployment.DeployAsync(xml, user.Identity?.Name, ct);
        if (outcome.Errors.Count > 0)
            return TypedResults.Problem(
                title: "The BPMN file is not valid.",
                detail: string.Join("\n", outcome.Errors.Select(e => e.ToString())),
                statusCode: 400,
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = outcome
                        .Errors.Select(e => new
                        {
                            elementId = e.ElementId,
                            line = e.Line,
                            message = e.Message,
                        })
                        .ToArray(),
                }
            );
        var dto = ToDto(outcome.Definition!);
        return outcome.Created
            ? TypedResults.Created($"/api/definitions/{dto.Key}/versions/{dto.Version}", dto)
            : TypedResults.Ok(dto);
    }

    private static async Task<Ok<List<DefinitionSummaryDto>>> ListAsync(
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var all = await db
            .Definitions.AsNoTracking()
            .Select(d => new
            {
                d.Id,
                d.Key,
                d.Name,
                d.NameEn,
                d.Version,
                d.DeployedAt,
            })
            .ToListAsync(ct);
        var latest = all.GroupBy(d => d.Key)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new DefinitionSummaryDto(
                d.Key,
                d.Name,
                d.NameEn,
                d.Version,
                d.Id,
                d.DeployedAt
            ))
            .ToList();
        return TypedResults.Ok(latest);
    }

    private static async Task<
        Results<Ok<List<DefinitionVersionDto>>, ProblemHttpResult>
    > VersionsAsync(string key, WorkflowsDbContext db, CancellationToken ct)
    {
        var versions = await db
            .Definitions.AsNoTracking()
            .Where(d => d.Key == key)
            .OrderBy(d => d.Version)
            .ToListAsync(ct);
        return versions.Count == 0
            ? Problems.NotFound($"No definition with key '{key}'.")
            : TypedResults.Ok(versions.Select(ToDto).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> XmlAsync(
        string key,
        int version,
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var xml = await db
            .Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.Version == version)
            .Select(d => d.Xml)
            .FirstOrDefaultAsync(ct);
        return xml is null
            ? Problems.NotFound($"Definition '{key}' has no version {version}.")
            : TypedResults.Text(xml, "application/xml", Encoding.UTF8);
    }

    internal static DefinitionVersionDto ToDto(DefinitionEntity d) =>
        new(d.Id, d.Key, d.Version, d.Name, d.NameEn, d.ContentHash, d.DeployedBy, d.DeployedAt);
}
