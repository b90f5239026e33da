// One thing that moves a case on: a user completing a task with form data, a timer falling due, a message from outside.
using System.Text.Json.Nodes;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>A step of a procedure script, named by the BPMN element it acts on.</summary>
/// <param name="Kind"><see cref="UserTask"/>, <see cref="TimerEvent"/> or <see cref="MessageEvent"/>.</param>
/// <param name="ElementId">The user task, timer catch event or message catch event.</param>
/// <param name="User">The demo account that acts (completes the task; posts the message).</param>
/// <param name="Variables">The form data completing the task (valid per its form), or the message's variables.</param>
/// <param name="MessageName">The message name, for a message step.</param>
public sealed record ScriptStep(
    string Kind,
    string ElementId,
    string? User,
    JsonObject? Variables,
    string? MessageName = null
)
{
    /// <summary>Kind of a user task step.</summary>
    public const string UserTask = "task";

    /// <summary>Kind of a timer step (the clock is moved to the timer's due time and it fires).</summary>
    public const string TimerEvent = "timer";

    /// <summary>Kind of a message step (posted to <c>/api/messages</c> with the case's business key).</summary>
    public const string MessageEvent = "message";

    /// <summary><paramref name="user"/> completes <paramref name="elementId"/> with <paramref name="form"/>.</summary>
    public static ScriptStep Task(string elementId, string user, JsonObject form) =>
        new(UserTask, elementId, user, form);

    /// <summary>The timer catch event <paramref name="elementId"/> falls due.</summary>
    public static ScriptStep Timer(string elementId) => new(TimerEvent, elementId, null, null);

    /// <summary>Another government system (as <c>admin</c>) sends <paramref name="name"/> to the case.</summary>
    public static ScriptStep Message(string elementId, string name, JsonObject variables) =>
        new(MessageEvent, elementId, "admin", variables, name);

    /// <inheritdoc />
    public override string ToString() => $"{Kind} {ElementId}";
}
