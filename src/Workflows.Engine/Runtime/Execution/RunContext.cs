// The working set of one command: the cloned state, the effects and journal in order, and the agenda of tokens to run.
// Split into partial files by concern (flow, gateways, activities, events, errors, multi-instance, commands).
using System.Text.Json.Nodes;
using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext(
    ProcessDefinition definition,
    InstanceState state,
    IExpressionEvaluator expressions,
    IBusinessCalendar calendar,
    DateTimeOffset now,
    int maxSteps
)
{
    // Token ids whose node body must run, in order.
    private readonly Queue<string> agenda = new();
    private int steps;
    private bool stepLimitHit;

    public ProcessDefinition Definition { get; } = definition;

    public InstanceState State { get; } = state;

    public List<Effect> Effects { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    /// Runs every scheduled token until each waits, then settles inclusive joins and instance completion.
    public void Run()
    {
        do
        {
            while (agenda.Count > 0)
            {
                var token = FindToken(agenda.Dequeue());
                if (token is null)
                {
                    continue;
                }

                if (++steps > maxSteps)
                {
                    HitStepLimit(token);
                    break;
                }

                Guarded(token, leaving: false, () => ExecuteBody(token));
            }
        } while (
            !stepLimitHit && State.Status != InstanceStatus.Terminated && TryFireInclusiveJoins()
        );

        if (State.Status == InstanceStatus.Running && State.Tokens.Count == 0)
        {
            State.Status = InstanceStatus.Completed;
            Effects.Add(new InstanceCompleted((JsonObject)State.Variables.DeepClone()));
        }
    }

    private void HitStepLimit(Token token)
    {
        stepLimitHit = true;
        RaiseIncident(
            token,
            $"More than {maxSteps} steps in one command at '{token.ElementId}': the model loops without a wait state.",
            leaving: false
        );
        while (agenda.Count > 0)
        {
            if (
                FindToken(agenda.Dequeue()) is { } pending
                && !State.IncidentTokenIds.Contains(pending.Id)
            )
            {
                State.IncidentTokenIds.Add(pending.Id);
            }
        }
    }

    private void Schedule(Token token) => agenda.Enqueue(token.Id);

    private FlowNode Node(string id) => Definition.Node(id);

    private SequenceFlow Flow(string id) => Definition.Flows[id];

    private Token? FindToken(string id) => State.Tokens.Find(t => t.Id == id);

    private Token TokenOf(string id) =>
        FindToken(id)
        ?? throw new InvalidOperationException($"Token '{id}' is missing from the state.");

    private ScopeState? FindScope(string? id) =>
        id is null ? null : State.Scopes.Find(s => s.Id == id);

    private string NextLocalId(string prefix) => $"{prefix}{++State.Sequence}";

    private string NextGlobalId() => DeterministicIds.Bookmark(State.InstanceId, ++State.Sequence);

    private Token NewToken(string elementId, string? scopeId)
    {
        var token = new Token
        {
            Id = NextLocalId("t"),
            ElementId = elementId,
            ScopeInstanceId = scopeId,
        };
        State.Tokens.Add(token);
        return token;
    }

    private void Log(string elementId, string evt) =>
        Journal.Add(new JournalEntry(elementId, evt, now));

    // The token that waits on the container (sub-process or multi-instance activity) of this token's scope.
    private Token? ParentToken(Token token) =>
        FindScope(token.ScopeInstanceId) is { } scope ? FindToken(scope.ParentTokenId) : null;

    private bool IsMultiInstanceInner(Token token) =>
        FindScope(token.ScopeInstanceId) is { IsMultiInstance: true } scope
        && scope.ElementId == token.ElementId;

    // Local variables of the token and of every container above it; inner ones win.
    private JsonObject? LocalsFor(Token token)
    {
        var chain = new List<JsonObject>();
        for (var t = token; t is not null; t = ParentToken(t))
        {
            if (t.LocalVariables is { } locals)
            {
                chain.Add(locals);
            }
        }

        if (chain.Count == 0)
        {
            return null;
        }

        var merged = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in chain[i])
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    // What an expression evaluated for this token sees: case variables overlaid with local ones (a copy).
    private JsonObject VariablesFor(Token token)
    {
        var variables = (JsonObject)State.Variables.DeepClone();
        if (LocalsFor(token) is { } locals)
        {
            foreach (var (key, value) in locals)
            {
                variables[key] = value?.DeepClone();
            }
        }

        return variables;
    }

    private void MergeVariables(JsonObject? variables)
    {
        if (variables is null)
        {
            return;
        }

        foreach (var (key, value) in variables)
        {
            State.Variables[key] = value?.DeepClone();
        }
    }

    private bool Condition(string expression, Token token) =>
        expressions.EvaluateCondition(expression, VariablesFor(token));

    private static string? Reason(FlowNode node) =>
        node.Name.ToString() is { Length: > 0 } name ? name : null;
}
