// A deployed BPMN process definition: one row per (Key, Version), the XML stored verbatim.
namespace Workflows.Data.Entities;

/// <summary>One deployed version of a process definition.</summary>
public class DefinitionEntity
{
    /// <summary>Surrogate id of this version.</summary>
    public Guid Id { get; set; }

    /// <summary>The BPMN process id shared by all versions (max 200 chars).</summary>
    public string Key { get; set; } = "";

    /// <summary>Version number, 1-based, increasing per key.</summary>
    public int Version { get; set; }

    /// <summary>Display name (Chinese).</summary>
    public string? Name { get; set; }

    /// <summary>Display name (English).</summary>
    public string? NameEn { get; set; }

    /// <summary>SHA-256 of the XML as 64 lowercase hex chars; redeploying identical XML reuses the version.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The BPMN XML as deployed.</summary>
    public string Xml { get; set; } = "";

    /// <summary>User id of the deployer.</summary>
    public string? DeployedBy { get; set; }

    /// <summary>When it was deployed (UTC).</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Lifecycle status; see <see cref="DefinitionStatuses"/>.</summary>
    public string Status { get; set; } = DefinitionStatuses.Published;
}
