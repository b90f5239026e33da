// The proposed mapping of wait states between two versions, which the designer reviews and edits before a dry run.
namespace Workflows.Engine.Runtime.Migration;

/// <summary>A proposed mapping from the wait-state ids of one version to those of another.</summary>
/// <param name="Mapping">Source element id → target element id, for every source wait state kept by the target (same id, same kind).</param>
/// <param name="Unmapped">Source wait states with no counterpart in the target; an instance waiting there cannot migrate until the designer maps it.</param>
/// <param name="TargetWaitStates">Every wait state of the target, offered as choices for the unmapped ones.</param>
public sealed record MigrationPlan(
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<WaitStateInfo> TargetWaitStates
);

/// <summary>A node where a token can wait, with its kind and display name.</summary>
/// <param name="ElementId">The BPMN element id.</param>
/// <param name="Kind">The BPMN element name (e.g. <c>userTask</c>).</param>
/// <param name="Name">The Chinese (or only) name, if any.</param>
public sealed record WaitStateInfo(string ElementId, string Kind, string? Name);
