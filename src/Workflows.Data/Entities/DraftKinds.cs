// Values of DraftEntity.Kind, stored as strings so a new kind needs no migration.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="DraftEntity.Kind"/>.</summary>
public static class DraftKinds
{
    /// <summary>A BPMN process draft, never executed until published.</summary>
    public const string Process = "process";

    /// <summary>A saved version of a form-js schema.</summary>
    public const string Form = "form";
}
