// Moving tokens: entering a node, leaving it along its outgoing flows, ending, and completing scopes.
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    // Puts a token on a node and schedules the node's behaviour.
    private void Enter(Token token, FlowNode node, string? viaFlowId)
    {
        if (Move(token, node, viaFlowId))
        {
            Schedule(token);
        }
    }

    // Entering without running: journal, case clock, boundary bookmarks. False when opening a boundary raised an incident.
    private bool Move(Token token, FlowNode node, string? viaFlowId)
    {
        token.ElementId = node.Id;
        token.ArrivedByFlowId = viaFlowId;
        Log(node.Id, "entered");
        if (node.CaseClock is { } action)
        {
            Effects.Add(new CaseClockChanged(action, node.Id, Reason(node)));
        }

        if (node is Activity activity && activity.BoundaryEventIds.Count > 0)
        {
            var opened = true;
            Guarded(
                token,
                leaving: false,
                () => OpenBoundaryEvents(token, activity),
                () => opened = false
            );
            return opened;
        }

        return true;
    }

    private void ExecuteBody(Token token)
    {
        switch (Node(token.ElementId))
        {
            case StartEvent or BoundaryEvent:
                Leave(token);
                break;
            case EndEvent end:
                EndBody(token, end);
                break;
            case Gateway gateway:
                GatewayBody(token, gateway);
                break;
            case IntermediateCatchEvent catchEvent:
                OpenCatch(token, catchEvent.Id, catchEvent.Trigger);
                break;
            case Activity activity:
                ActivityBody(token, activity);
                break;
            case var other:
                throw new IncidentException($"'{other.Id}' ({other.Kind}) cannot be executed.");
        }
    }

    // Resumes a token stopped by an incident while it was leaving.
    private void ResumeLeaving(Token token)
    {
        switch (Node(token.ElementId))
        {
            case Gateway gateway:
                Split(token, gateway);
                break;
            case Activity:
                CompleteActivity(token);
                break;
            default:
                Leave(token);
                break;
        }
    }

    // The node is done with this token: a multi-instance inner token reports to its body, any other token leaves.
    private void CompleteActivity(Token token)
    {
        if (IsMultiInstanceInner(token))
        {
            InnerInstanceCompleted(token);
        }
        else
        {
            Leave(token);
        }
    }

    // Leaves the token's node along the given flows (null: the node's own outgoing rule).
    private void Leave(Token token, IReadOnlyList<string>? flowIds = null)
    {
        var node = Node(token.ElementId);
        flowIds ??= SelectOutgoing(node, token);
        Log(node.Id, "completed");
        State.CompletedElementIds.Add(node.Id);
        if (node.CaseClock == CaseClockAction.Pause)
        {
            Effects.Add(new CaseClockChanged(CaseClockAction.Resume, node.Id, Reason(node)));
        }

        CloseBookmarks(token, $"'{node.Id}' completed");
        TakeFlows(token, flowIds);
    }

    // Activities and events: unconditional flows always, conditional ones when they hold (an implicit inclusive split).
    private List<string> SelectOutgoing(FlowNode node, Token token)
    {
        var chosen = node
            .Outgoing.Where(id =>
                Flow(id).Condition is not { } condition || Condition(condition, token)
            )
            .ToList();
        if (chosen.Count == 0 && node.Outgoing.Count > 0)
        {
            throw new IncidentException($"No outgoing flow of '{node.Id}' matched.");
        }

        return chosen;
    }

    private void TakeFlows(Token token, IReadOnlyList<string> flowIds)
    {
        if (flowIds.Count == 0)
        {
            TokenEnded(token);
            return;
        }

        for (var i = 0; i < flowIds.Count; i++)
        {
            var flow = Flow(flowIds[i]);
            Log(flow.Id, "taken");
            var moving = i == 0 ? token : NewToken(token.ElementId, token.ScopeInstanceId);
            Enter(moving, Node(flow.TargetId), flow.Id);
        }
    }

    // The token is gone; its scope completes when it was the last one inside.
    private void TokenEnded(Token token)
    {
        State.Tokens.Remove(token);
        if (
            FindScope(token.ScopeInstanceId) is { IsMultiInstance: false } scope
            && State.Tokens.TrueForAll(t => t.ScopeInstanceId != scope.Id)
        )
        {
            CompleteScope(scope);
        }
    }

    // A sub-process scope finished: its container token completes the sub-process.
    private void CompleteScope(ScopeState scope)
    {
        State.Scopes.Remove(scope);
        var parent = TokenOf(scope.ParentTokenId);
        State.Bookmarks.RemoveAll(b => b.TokenId == parent.Id && b.Kind == BookmarkKind.Scope);
        Guarded(parent, leaving: true, () => CompleteActivity(parent));
    }

    private void EndBody(Token token, EndEvent end)
    {
        Log(end.Id, "completed");
        State.CompletedElementIds.Add(end.Id);
        switch (end.Result)
        {
            case TerminateDefinition:
                Terminate(token, end);
                break;
            case ErrorDefinition error:
                ThrowError(token, error.ErrorCode ?? string.Empty, end.Id);
                break;
            default:
                TokenEnded(token);
                break;
        }
    }

    // Terminate end: the whole instance at process level, else only the enclosing sub-process, which then completes.
    private void Terminate(Token token, EndEvent end)
    {
        var scope = FindScope(token.ScopeInstanceId);
        if (scope is null)
        {
            TerminateInstance($"Terminate end event '{end.Id}' reached.", null);
            return;
        }

        State.Tokens.Remove(token);
        foreach (var other in State.Tokens.Where(t => t.ScopeInstanceId == scope.Id).ToList())
        {
            CancelToken(other, $"Terminate end event '{end.Id}' reached.");
        }

        CompleteScope(scope);
    }
}
