// Gateways: exclusive, inclusive and parallel splits and joins, and the event-based race.
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    private void GatewayBody(Token token, Gateway gateway)
    {
        switch (gateway.GatewayKind)
        {
            case GatewayKind.Parallel when gateway.Incoming.Count > 1:
            case GatewayKind.Inclusive when gateway.Incoming.Count > 1:
                WaitAtJoin(token, gateway);
                break;
            case GatewayKind.EventBased:
                OpenEventRace(token, gateway);
                break;
            default:
                Split(token, gateway);
                break;
        }
    }

    private void Split(Token token, Gateway gateway)
    {
        switch (gateway.GatewayKind)
        {
            case GatewayKind.Parallel:
                Leave(token, gateway.Outgoing);
                break;
            case GatewayKind.Exclusive:
                var first =
                    gateway.Outgoing.FirstOrDefault(id =>
                        id != gateway.DefaultFlowId && Holds(id, token)
                    )
                    ?? gateway.DefaultFlowId
                    ?? throw NoMatch(gateway);
                Leave(token, new[] { first });
                break;
            default:
                var all = gateway
                    .Outgoing.Where(id => id != gateway.DefaultFlowId && Holds(id, token))
                    .ToList();
                if (all.Count == 0)
                {
                    all.Add(gateway.DefaultFlowId ?? throw NoMatch(gateway));
                }

                Leave(token, all);
                break;
        }
    }

    private bool Holds(string flowId, Token token) =>
        Flow(flowId).Condition is not { } condition || Condition(condition, token);

    private static IncidentException NoMatch(Gateway gateway) =>
        new($"No outgoing flow of gateway '{gateway.Id}' matched.");

    private void WaitAtJoin(Token token, Gateway gateway)
    {
        State.Bookmarks.Add(
            new Bookmark
            {
                Id = NextGlobalId(),
                Kind = BookmarkKind.Join,
                TokenId = token.Id,
                ElementId = gateway.Id,
            }
        );
        if (gateway.GatewayKind == GatewayKind.Parallel)
        {
            TryFireParallelJoin(gateway, token.ScopeInstanceId);
        }
        else
        {
            TryFireInclusiveJoin(gateway, token.ScopeInstanceId);
        }
    }

    private List<Token> WaitingAt(Gateway gateway, string? scopeId) =>
        State
            .Tokens.Where(t =>
                t.ElementId == gateway.Id
                && t.ScopeInstanceId == scopeId
                && State.Bookmarks.Exists(b => b.TokenId == t.Id && b.Kind == BookmarkKind.Join)
            )
            .ToList();

    // One token per incoming flow; extra tokens on the same flow stay queued for the next firing.
    private void TryFireParallelJoin(Gateway gateway, string? scopeId)
    {
        var waiting = WaitingAt(gateway, scopeId);
        var picked = gateway
            .Incoming.Select(flow => waiting.Find(t => t.ArrivedByFlowId == flow))
            .ToList();
        if (picked.TrueForAll(t => t is not null))
        {
            FireJoin(gateway, picked!);
        }
    }

    // Fires when no other token of the scope can still reach the join (the graph is walked without passing the join).
    private bool TryFireInclusiveJoin(Gateway gateway, string? scopeId)
    {
        var waiting = WaitingAt(gateway, scopeId);
        if (waiting.Count == 0)
        {
            return false;
        }

        var others = State.Tokens.Where(t =>
            t.ScopeInstanceId == scopeId && t.ElementId != gateway.Id
        );
        if (others.Any(t => CanReach(t.ElementId, gateway.Id)))
        {
            return false;
        }

        var picked = waiting.GroupBy(t => t.ArrivedByFlowId).Select(g => g.First()).ToList();
        FireJoin(gateway, picked);
        return true;
    }

    private void FireJoin(Gateway gateway, List<Token> picked)
    {
        var merged = picked[0];
        foreach (var token in picked)
        {
            State.Bookmarks.RemoveAll(b => b.TokenId == token.Id && b.Kind == BookmarkKind.Join);
            if (token != merged)
            {
                State.Tokens.Remove(token);
            }
        }

        Guarded(merged, leaving: true, () => Split(merged, gateway));
    }

    // After the agenda drains, a token that ended elsewhere may have released an inclusive join.
    private bool TryFireInclusiveJoins()
    {
        var candidates = State
            .Tokens.Where(t =>
                Node(t.ElementId) is Gateway { GatewayKind: GatewayKind.Inclusive }
                && State.Bookmarks.Exists(b => b.TokenId == t.Id && b.Kind == BookmarkKind.Join)
            )
            .Select(t => (Gateway: (Gateway)Node(t.ElementId), t.ScopeInstanceId))
            .Distinct()
            .ToList();
        foreach (var (gateway, scopeId) in candidates)
        {
            if (TryFireInclusiveJoin(gateway, scopeId))
            {
                return true;
            }
        }

        return false;
    }

    private bool CanReach(string fromId, string joinId)
    {
        var seen = new HashSet<string> { fromId };
        var pending = new Stack<string>([fromId]);
        while (pending.Count > 0)
        {
            var node = Node(pending.Pop());
            var next = node.Outgoing.Select(id => Flow(id).TargetId);
            if (node is Activity activity)
            {
                next = next.Concat(activity.BoundaryEventIds);
            }

            foreach (var id in next)
            {
                if (id == joinId)
                {
                    return true;
                }

                if (seen.Add(id))
                {
                    pending.Push(id);
                }
            }
        }

        return false;
    }

    // Event-based gateway: one wait state per following catch event, all on the gateway's token.
    private void OpenEventRace(Token token, Gateway gateway)
    {
        foreach (var flowId in gateway.Outgoing)
        {
            switch (Node(Flow(flowId).TargetId))
            {
                case IntermediateCatchEvent catchEvent:
                    OpenCatch(token, catchEvent.Id, catchEvent.Trigger);
                    break;
                case ReceiveTask receive:
                    Subscribe(token, receive.Id, receive.Message);
                    break;
                case var other:
                    throw new IncidentException(
                        $"Event-based gateway '{gateway.Id}' leads to '{other.Id}', which is not a catch event."
                    );
            }
        }
    }
}
