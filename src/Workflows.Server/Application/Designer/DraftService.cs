// Process drafts: saved by the designer, never executed; publishing one deploys it as the next immutable version.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Engine.Parsing;

namespace Workflows.Server.Application.Designer;

/// <summary>Saves, reads and publishes the one open draft of each process key (table Drafts, kind <c>process</c>, version 0).</summary>
public sealed class DraftService(
    WorkflowsDbContext db,
    DeploymentService deployment,
    HostKnowledge knowledge,
    TimeProvider time
)
{
    /// <summary>Validates BPMN XML exactly as a deployment would, without storing anything.</summary>
    public Task<IReadOnlyList<ValidationError>> ValidateAsync(string xml, CancellationToken ct) =>
        deployment.ValidateAsync(xml, ct);

    /// <summary>The open draft of a key, or null.</summary>
    public Task<DraftEntity?> GetAsync(string key, CancellationToken ct) =>
        db
            .Drafts.AsNoTracking()
            .FirstOrDefaultAsync(
                d => d.Kind == DraftKinds.Process && d.Key == key && d.Version == 0,
                ct
            );

    /// <summary>Stores (or replaces) the draft of a key; a draft may be invalid, it is only checked on publish.</summary>
    public async Task<DraftEntity> SaveAsync(
        string key,
        string xml,
        string? user,
        CancellationToken ct
    )
    {
        var draft = await db.Drafts.FirstOrDefaultAsync(
            d => d.Kind == DraftKinds.Process && d.Key == key && d.Version == 0,
            ct
        );
        if (draft is null)
        {
            draft = new DraftEntity
            {
                Id = Guid.CreateVersion7(),
                Kind = DraftKinds.Process,
                Key = key,
                Version = 0,
            };
            db.Drafts.Add(draft);
        }
        draft.Content = xml;
        draft.ContentHash = DeploymentService.Hash(xml);
        draft.SavedBy = user;
        draft.SavedAt = time.GetUtcNow();
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = draft.SavedAt,
                Actor = user,
                Action = "definition.draft-saved",
                DataJson = $$"""{"key":{{System.Text.Json.JsonSerializer.Serialize(key)}}}""",
            }
        );
        await db.SaveChangesAsync(ct);
        return draft;
    }

    /// <summary>Deploys the draft as the next version and removes it; errors when there is no draft, it is invalid, or its process id is another key.</summary>
    public async Task<PublishOutcome> PublishAsync(string key, string? user, CancellationToken ct)
    {
        var draft = await db.Drafts.FirstOrDefaultAsync(
            d => d.Kind == DraftKinds.Process && d.Key == key && d.Version == 0,
            ct
        );
        if (draft is null)
            return new PublishOutcome(null, [], $"There is no draft of '{key}'.");
        var parsed = BpmnParser.Parse(draft.Content, knowledge.ParseOptions);
        if (parsed.Definition is { } d && d.Key != key)
            return new PublishOutcome(
                null,
                [
                    new ValidationError(
                        d.Key,
                        d.Line,
                        $"The process id is '{d.Key}' but the draft belongs to '{key}'."
                    ),
                ],
                null
            );
        var outcome = await deployment.DeployAsync(draft.Content, user, ct);
        if (outcome.Errors.Count > 0)
            return new PublishOutcome(null, outcome.Errors, null);
        db.Drafts.Remove(draft);
        await db.SaveChangesAsync(ct);
        return new PublishOutcome(outcome, [], null);
    }
}

/// <summary>The result of publishing a draft.</summary>
/// <param name="Deployed">The deployment (new or unchanged version) when it succeeded.</param>
/// <param name="Errors">Validation errors that stopped it.</param>
/// <param name="Missing">Set when there was no draft.</param>
public sealed record PublishOutcome(
    DeployOutcome? Deployed,
    IReadOnlyList<ValidationError> Errors,
    string? Missing
);
