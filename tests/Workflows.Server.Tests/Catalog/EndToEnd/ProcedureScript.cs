// What a procedure needs to be driven end to end through the API: its approving path and where the other scenarios act.
using System.Text.Json.Nodes;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>The data-driven description of one shipped procedure.</summary>
/// <param name="Key">The definition key (the file name without <c>.bpmn</c>).</param>
/// <param name="Start">Extra variables of the application (on top of the applicant and employer accounts).</param>
/// <param name="HappyPath">Every wait of the approving path in order, from submission to <c>EndEvent_Completed</c>.</param>
/// <param name="RejectAt">The review or decision whose clerk rejects with a reason (an error boundary catches it).</param>
/// <param name="BreachAt">The step left to run past its limit.</param>
/// <param name="BreachChief">The section chief of that step's bureau, who hears the escalation.</param>
public sealed record ProcedureScript(
    string Key,
    JsonObject Start,
    IReadOnlyList<ScriptStep> HappyPath,
    string RejectAt,
    string BreachAt,
    string BreachChief
)
{
    /// <summary>The front-desk acceptance: the step the clerk returns for supplement (一次性告知).</summary>
    public const string WindowCheck = "Task_WindowCheck";

    /// <summary>The step of <paramref name="elementId"/> on the approving path.</summary>
    public ScriptStep Step(string elementId) =>
        HappyPath.FirstOrDefault(s => s.ElementId == elementId)
        ?? throw new ArgumentException(
            $"{Key} has no step {elementId} on its approving path.",
            nameof(elementId)
        );

    /// <summary>The bureau code of the breached step's chief (<c>chief.crj</c> → <c>crj</c>).</summary>
    public string BreachBureau => BreachChief["chief.".Length..];

    /// <inheritdoc />
    public override string ToString() => Key;
}
