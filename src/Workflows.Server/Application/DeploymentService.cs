using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Server.Application.Designer;

namespace Workflows.Server.Application;

/// <summary>
/// Versioned deployment: parse + validate + store an immutable version only when the content changed, and a cache of
/// parsed definitions (a stored version never changes, so a parsed one is cached for the life of the process).
/// </summary>
public sealed class DeploymentService(
    WorkflowsDbContext db,
    DefinitionCache cache,
    HostKnowledge knowledge,
    FormVersions forms,
    TimeProvider time
)
{
    /// <summary>Deploys BPMN XML. Unchanged content returns the latest existing version with <see cref="DeployOutcome.Created"/> false.</summary>
    public async Task<DeployOutcome> DeployAsync(
        string xml,
        string? deployedBy,
        CancellationToken ct = default
    )
    {
        var (result, errors) = await CheckAsync(xml, ct);
        if (errors.Count > 0)
            return new DeployOutcome(null, false, errors);
        var definition = result.Definition!;
        var hash = Hash(xml);
        var latest = await db
            .Definitions.Where(d => d.Key == definition.Key)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(ct);
        if (latest is not null && latest.ContentHash == hash)
            return new DeployOutcome(latest, false, []);
        var entity = new DefinitionEntity
        {
            Id = Guid.CreateVersion7(),
            Key = definition.Key,
            Version = (latest?.Version ?? 0) + 1,
            Name = definition.Name.Zh,
            NameEn = definition.Name.En,
            ContentHash = hash,
            Xml = xml,
            DeployedBy = deployedBy,
            DeployedAt = time.GetUtcNow(),
            Status = "Published",
        };
        db.Definitions.Add(entity);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = entity.DeployedAt,
                Actor = deployedBy,
                Action = "definition.deployed",
                DataJson = $$"""{"key":"{{entity.Key}}","version":{{entity.Version}}}""",
            }
        );
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            // Another node deployed the same key at the same moment: take what it stored.
            db.ChangeTracker.Clear();
            var winner = await db
                .Definitions.Where(d => d.Key == definition.Key)
                .OrderByDescending(d => d.Version)
                .FirstAsync(ct);
            return new DeployOutcome(winner, winner.ContentHash != hash, []);
        }
        cache.Put(entity.Id, definition);
        return new DeployOutcome(entity, true, []);
    }

    /// <summary>Validates BPMN XML exactly as a deployment would, without storing anything.</summary>
    public async Task<IReadOnlyList<ValidationError>> ValidateAsync(
        string xml,
        CancellationToken ct = default
    ) => (await CheckAsync(xml, ct)).Errors;

    // The host's knowledge (forms saved in the designer count as existing), then the saved form versions bound by number.
    private async Task<(ParseResult Result, IReadOnlyList<ValidationError> Errors)> CheckAsync(
        string xml,
        CancellationToken ct
    )
    {
        var result = BpmnParser.Parse(
            xml,
            knowledge.ParseOptions with
            {
                KnownForms = await forms.KeysAsync(ct),
            }
        );
        return result.IsValid
            ? (result, await CheckFormVersionsAsync(result.Definition!, ct))
            : (result, result.Errors);
    }

    // A camunda:formRefVersion names a saved form version: one that does not exist is refused at deployment, not when a
    // clerk first opens the task.
    private async Task<List<ValidationError>> CheckFormVersionsAsync(
        ProcessDefinition definition,
        CancellationToken ct
    )
    {
        var errors = new List<ValidationError>();
        foreach (var task in definition.Nodes.Values.OfType<UserTask>())
        {
            if (
                task.Spec
                    is {
                        FormBinding: FormBinding.Version,
                        FormKey: { } key,
                        FormVersion: { } version
                    }
                && await forms.GetAsync(key, version, ct) is null
            )
                errors.Add(
                    new ValidationError(
                        task.Id,
                        task.Line,
                        $"User task {task.Id} binds form '{key}' version {version}, which has never been saved."
                    )
                );
        }
        return errors;
    }

    /// <summary>Deploys every <c>*.bpmn</c> of a catalogue folder, in file-name order; each file's outcome is returned.</summary>
    public async Task<IReadOnlyList<(string File, DeployOutcome Outcome)>> DeployCatalogueAsync(
        string root,
        CancellationToken ct = default
    )
    {
        var files = new List<(string Name, string Xml, string Hash)>();
        foreach (var file in Directory.EnumerateFiles(root, "*.bpmn").Order(StringComparer.Ordinal))
        {
            var xml = await File.ReadAllTextAsync(file, ct);
            files.Add((Path.GetFileName(file), xml, Hash(xml)));
        }
        // Every start deploys the catalogue, and almost always nothing changed: one query finds the files whose content
        // is already the latest version of its key, and only the others are parsed, validated and looked up one by one.
        // Such a file is not re-validated against today's host knowledge: its version is deployed and in use either way.
        var deployed = await LatestVersionsByHashAsync(files.Select(f => f.Hash).ToList(), ct);
        var outcomes = new List<(string, DeployOutcome)>();
        foreach (var (name, xml, hash) in files)
            outcomes.Add(
                (
                    name,
                    deployed.TryGetValue(hash, out var latest)
                        ? new DeployOutcome(latest, false, [])
                        : await DeployAsync(xml, "catalogue", ct)
                )
            );
        return outcomes;
    }

    // Stored versions with one of these content hashes that are the latest version of their key, by hash.
    private async Task<Dictionary<string, DefinitionEntity>> LatestVersionsByHashAsync(
        List<string> hashes,
        CancellationToken ct
    )
    {
        var matches = await db
            .Definitions.Where(d => hashes.Contains(d.ContentHash))
            .ToListAsync(ct);
        var keys = matches.Select(m => m.Key).Distinct().ToList();
        var latest = await db
            .Definitions.Where(d => keys.Contains(d.Key))
            .GroupBy(d => d.Key)
            .Select(g => new { g.Key, Version = g.Max(d => d.Version) })
            .ToDictionaryAsync(g => g.Key, g => g.Version, ct);
        var byHash = new Dictionary<string, DefinitionEntity>(StringComparer.Ordinal);
        foreach (var m in matches.Where(m => latest[m.Key] == m.Version))
            byHash.TryAdd(m.ContentHash, m);
        return byHash;
    }

    /// <summary>A stored version's row, read once per process: versions are immutable.</summary>
    /// <exception cref="InvalidOperationException">No such version.</exception>
    public async Task<DefinitionEntity> GetAsync(Guid id, CancellationToken ct = default) =>
        cache.Row(id)
        ?? cache.PutRow(await db.Definitions.AsNoTracking().FirstAsync(d => d.Id == id, ct));

    /// <summary>The parsed definition of a stored version.</summary>
    public ProcessDefinition Load(DefinitionEntity entity) =>
        cache.GetOrAdd(
            entity.Id,
            () =>
            {
                var parsed = BpmnParser.Parse(entity.Xml);
                return parsed.Definition
                    ?? throw new InvalidOperationException(
                        $"Stored definition {entity.Key} v{entity.Version} no longer parses: {string.Join("; ", parsed.Errors)}"
                    );
            }
        );

    /// <summary>The SHA-256 of the content, lower-case hex; line endings normalised so a checkout on Windows is "unchanged".</summary>
    public static string Hash(string xml) =>
        Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes(xml.Replace("\r\n", "\n").Trim()))
        );
}

/// <summary>The result of a deployment: the stored version (new or existing), or the validation errors.</summary>
public sealed record DeployOutcome(
    DefinitionEntity? Definition,
    bool Created,
    IReadOnlyList<ValidationError> Errors
);

/// <summary>Parsed definitions by stored version id; versions are immutable so entries never go stale.</summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<Guid, ProcessDefinition> _byId = new();
    private readonly ConcurrentDictionary<Guid, DefinitionEntity> _rows = new();

    /// <summary>A cached stored row, or null.</summary>
    public DefinitionEntity? Row(Guid id) => _rows.GetValueOrDefault(id);

    /// <summary>Caches a stored row and returns it.</summary>
    public DefinitionEntity PutRow(DefinitionEntity row) => _rows.GetOrAdd(row.Id, row);

    /// <summary>Adds a parsed definition.</summary>
    public void Put(Guid id, ProcessDefinition definition) => _byId[id] = definition;

    /// <summary>Gets or parses a definition.</summary>
    public ProcessDefinition GetOrAdd(Guid id, Func<ProcessDefinition> parse) =>
        _byId.GetOrAdd(id, _ => parse());
}
