// A running or finished process instance; the engine's whole state snapshot lives in StateJson.
namespace Workflows.Data.Entities;

/// <summary>One process instance (办件) and its serialized engine state.</summary>
public class InstanceEntity
{
    /// <summary>Instance id.</summary>
    public Guid Id { get; set; }

    /// <summary>The definition version this instance runs.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>Definition key, denormalized for filtering.</summary>
    public string DefinitionKey { get; set; } = "";

    /// <summary>Definition version, denormalized for display.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Business key (e.g. the application number 受理编号).</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Instance status (e.g. Running, Suspended, Completed, Terminated, Incident).</summary>
    public string Status { get; set; } = "";

    /// <summary>The engine's serialized instance state.</summary>
    public string StateJson { get; set; } = "";

    /// <summary>
    /// Optimistic concurrency token: the application increments it on every update, and EF Core
    /// adds <c>WHERE Version = @original</c>, so a lost update surfaces as DbUpdateConcurrencyException.
    /// </summary>
    public long Version { get; set; }

    /// <summary>User id of the starter.</summary>
    public string? StartedBy { get; set; }

    /// <summary>Parent instance when started by a call activity.</summary>
    public Guid? ParentInstanceId { get; set; }

    /// <summary>When created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When last updated (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it completed or was terminated (UTC).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>The applicant's name, denormalized for search.</summary>
    public string? ApplicantName { get; set; }
}
