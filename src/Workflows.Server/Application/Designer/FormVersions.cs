// Form schemas as the designer edits them: every save is a new version in the Drafts table (kind "form");
// the catalogue file under workflows/forms/ is version 0, read when no version was saved.
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Designer;

/// <summary>Lists, reads and saves versions of form-js schemas.</summary>
public sealed class FormVersions(WorkflowsDbContext db, FormCatalog catalogue, TimeProvider time)
{
    /// <summary>Every form key (catalogue and saved), with its latest saved version (0: only the catalogue file).</summary>
    public async Task<IReadOnlyList<FormSummary>> ListAsync(CancellationToken ct)
    {
        var saved = await db
            .Drafts.AsNoTracking()
            .Where(d => d.Kind == DraftKinds.Form)
            .GroupBy(d => d.Key)
            .Select(g => new { Key = g.Key, Version = g.Max(d => d.Version) })
            .ToListAsync(ct);
        var versions = saved.ToDictionary(s => s.Key, s => s.Version, StringComparer.Ordinal);
        return catalogue
            .Keys.Union(versions.Keys)
            .Order(StringComparer.Ordinal)
            .Select(k => new FormSummary(k, versions.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>Every form key a process may name: the catalogue files and the forms saved in the designer.</summary>
    public async Task<IReadOnlySet<string>> KeysAsync(CancellationToken ct)
    {
        var saved = await db
            .Drafts.AsNoTracking()
            .Where(d => d.Kind == DraftKinds.Form)
            .Select(d => d.Key)
            .Distinct()
            .ToListAsync(ct);
        return catalogue.Keys.Union(saved).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The schema of a form: a saved version (latest when null), else the catalogue file; null when unknown.</summary>
    public async Task<FormDocument?> GetAsync(string key, int? version, CancellationToken ct)
    {
        var query = db.Drafts.AsNoTracking().Where(d => d.Kind == DraftKinds.Form && d.Key == key);
        var row =
            version is { } v and > 0 ? await query.FirstOrDefaultAsync(d => d.Version == v, ct)
            : version == 0 ? null
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        if (row is not null)
            return new FormDocument(
                key,
                row.Version,
                row.Content,
                row.ContentHash,
                row.SavedBy,
                row.SavedAt
            );
        if (version is > 0)
            return null;
        return catalogue.Schema(key) is { } schema
            ? new FormDocument(key, 0, schema, DeploymentService.Hash(schema), null, null)
            : null;
    }

    /// <summary>
    /// The form as it stood at an instant: the latest version saved no later than <paramref name="at"/>, else the
    /// catalogue file (version 0); null when neither exists. A definition version uses the forms of its deployment this way.
    /// </summary>
    public async Task<FormDocument?> GetAsOfAsync(
        string key,
        DateTimeOffset at,
        CancellationToken ct
    )
    {
        var row = await db
            .Drafts.AsNoTracking()
            .Where(d => d.Kind == DraftKinds.Form && d.Key == key && d.SavedAt <= at)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
        return row is not null
            ? new FormDocument(
                key,
                row.Version,
                row.Content,
                row.ContentHash,
                row.SavedBy,
                row.SavedAt
            )
            : await GetAsync(key, 0, ct);
    }

    /// <summary>Saves a schema as the next version unless it equals the latest one; the JSON must be a form-js object with components.</summary>
    /// <exception cref="ArgumentException">The JSON is not a form schema.</exception>
    public async Task<FormDocument> SaveAsync(
        string key,
        string json,
        string? user,
        CancellationToken ct
    )
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ArgumentException(
                $"The form is not valid JSON: {ex.Message}",
                nameof(json),
                ex
            );
        }
        if (node is not JsonObject obj || obj["components"] is not JsonArray)
            throw new ArgumentException(
                "A form schema is a JSON object with a 'components' array.",
                nameof(json)
            );
        var hash = DeploymentService.Hash(json);
        var latest = await GetAsync(key, null, ct);
        if (latest is not null && latest.Version > 0 && latest.ContentHash == hash)
            return latest;
        var row = new DraftEntity
        {
            Id = Guid.CreateVersion7(),
            Kind = DraftKinds.Form,
            Key = key,
            Version = (latest?.Version ?? 0) + 1,
            Content = json,
            ContentHash = hash,
            SavedBy = user,
            SavedAt = time.GetUtcNow(),
        };
        db.Drafts.Add(row);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = row.SavedAt,
                Actor = user,
                Action = "form.saved",
                DataJson = new JsonObject
                {
                    ["key"] = key,
                    ["version"] = row.Version,
                }.ToJsonString(),
            }
        );
        await db.SaveChangesAsync(ct);
        return new FormDocument(key, row.Version, json, hash, user, row.SavedAt);
    }
}

/// <summary>A form key and its latest saved version (0: the catalogue file only).</summary>
public sealed record FormSummary(string Key, int LatestVersion);

/// <summary>One version of a form schema.</summary>
public sealed record FormDocument(
    string Key,
    int Version,
    string Schema,
    string ContentHash,
    string? SavedBy,
    DateTimeOffset? SavedAt
);
