// Ending things abnormally: BPMN errors, cancelling tokens with their wait states, terminating, and incidents.
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    // Walks from the thrower up through its containers to the nearest error boundary that matches (exact code first, then catch-all).
    private void ThrowError(Token thrower, string errorCode, string sourceId)
    {
        for (var token = thrower; token is not null; token = ParentToken(token))
        {
            if (IsMultiInstanceInner(token) || Node(token.ElementId) is not Activity activity)
            {
                continue;
            }

            var boundaries = activity
                .BoundaryEventIds.Select(id => (BoundaryEvent)Node(id))
                .ToList();
            var catcher =
                boundaries.Find(b =>
                    b.Trigger is ErrorDefinition { ErrorCode: { } code } && code == errorCode
                ) ?? boundaries.Find(b => b.Trigger is ErrorDefinition { ErrorCode: null });
            if (catcher is null)
            {
                continue;
            }

            var scopeId = token.ScopeInstanceId;
            CancelToken(token, $"BPMN error '{errorCode}' thrown by '{sourceId}'.");
            if (FindToken(thrower.Id) is { } stillThere)
            {
                State.Tokens.Remove(stillThere);
            }

            Enter(NewToken(catcher.Id, scopeId), catcher, null);
            return;
        }

        TerminateInstance(
            $"BPMN error '{errorCode}' thrown by '{sourceId}' was not caught.",
            errorCode
        );
    }

    private void TerminateInstance(string reason, string? errorCode)
    {
        foreach (var token in State.Tokens.Where(t => t.ScopeInstanceId is null).ToList())
        {
            CancelToken(token, reason);
        }

        // Tokens of scopes whose container was already gone (should not happen) must not survive a termination.
        State.Tokens.Clear();
        State.Scopes.Clear();
        State.Bookmarks.Clear();
        State.IncidentTokenIds.Clear();
        State.Incident = null;
        State.Status = InstanceStatus.Terminated;
        Effects.Add(new InstanceTerminated(reason, errorCode));
    }

    // Removes a token with everything it waits on: its wait states (with their cancel effects) and any scope it contains.
    private void CancelToken(Token token, string reason)
    {
        foreach (var scope in State.Scopes.Where(s => s.ParentTokenId == token.Id).ToList())
        {
            foreach (var inner in State.Tokens.Where(t => t.ScopeInstanceId == scope.Id).ToList())
            {
                CancelToken(inner, reason);
            }

            State.Scopes.Remove(scope);
        }

        CloseBookmarks(token, reason);
        State.IncidentTokenIds.Remove(token.Id);
        State.Tokens.Remove(token);
        Log(token.ElementId, "cancelled");
    }

    private void CloseBookmarks(Token token, string reason)
    {
        foreach (var bookmark in State.Bookmarks.Where(b => b.TokenId == token.Id).ToList())
        {
            State.Bookmarks.Remove(bookmark);
            Effect? effect = bookmark.Kind switch
            {
                BookmarkKind.UserTask => new TaskCancelled(bookmark.Id, reason),
                BookmarkKind.Timer => new TimerCancelled(bookmark.Id),
                BookmarkKind.Message => new MessageSubscriptionClosed(bookmark.Id),
                BookmarkKind.Service => new ServiceInvocationCancelled(bookmark.Id),
                BookmarkKind.ChildInstance => new ChildInstanceCancelled(
                    bookmark.Id,
                    bookmark.ChildInstanceId ?? Guid.Empty
                ),
                _ => null,
            };
            if (effect is not null)
            {
                Effects.Add(effect);
            }
        }
    }

    // Runs a step; a model or expression failure stops only this token, on an incident an operator can retry.
    private void Guarded(Token token, bool leaving, Action step, Action? onIncident = null)
    {
        try
        {
            step();
        }
        catch (Exception ex)
            when (ex
                    is ExpressionException
                        or IncidentException
                        or FormatException
                        or OverflowException
            )
        {
            if (FindToken(token.Id) is { } stopped && State.Status != InstanceStatus.Terminated)
            {
                RaiseIncident(stopped, ex.Message, leaving);
            }

            onIncident?.Invoke();
        }
    }

    private void RaiseIncident(Token token, string message, bool leaving)
    {
        token.RetryByLeaving = leaving;
        if (!State.IncidentTokenIds.Contains(token.Id))
        {
            State.IncidentTokenIds.Add(token.Id);
        }

        State.Status = InstanceStatus.Incident;
        State.Incident = State.Incident is null ? message : $"{State.Incident}; {message}";
        Effects.Add(new IncidentRaised(token.ElementId, message));
    }
}
