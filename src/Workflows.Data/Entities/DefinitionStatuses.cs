// Values of DefinitionEntity.Status, stored as strings so a new status needs no migration.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="DefinitionEntity.Status"/>.</summary>
public static class DefinitionStatuses
{
    /// <summary>Deployed and startable.</summary>
    public const string Published = "Published";

    /// <summary>Saved but not startable (reserved for the designer).</summary>
    public const string Draft = "Draft";
}
