// Finds parallel joins that can never fire because their branches are alternatives of one exclusive choice.
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Validation;

/// <summary>
/// A parallel join J deadlocks when one exclusive (or event-based) gateway X decides every token that can reach J
/// and no single branch of X reaches all of J's incoming flows: whichever branch is taken, J waits forever.
/// X must dominate J (every path from the scope's start events to J passes X) and be passed by one token only
/// (a single incoming flow, not on a cycle); otherwise several tokens could cross X and the join may still fire,
/// so such models are not reported. This finds the common modelling slip, not every possible deadlock.
/// </summary>
internal static class ParallelJoinAnalyzer
{
    public static void Check(ProcessDefinition definition, List<ValidationError> errors)
    {
        var attached = definition
            .Nodes.Values.OfType<BoundaryEvent>()
            .GroupBy(b => b.AttachedToId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(b => b.Id).ToList(), StringComparer.Ordinal);

        IEnumerable<string> Successors(FlowNode node)
        {
            foreach (var flowId in node.Outgoing)
            {
                if (
                    definition.Flows.TryGetValue(flowId, out var flow)
                    && definition.Nodes.ContainsKey(flow.TargetId)
                )
                {
                    yield return flow.TargetId;
                }
            }

            if (attached.TryGetValue(node.Id, out var boundaries))
            {
                foreach (var id in boundaries)
                {
                    yield return id;
                }
            }
        }

        HashSet<string> Reach(IEnumerable<string> from, string? blocked, string? stopAt)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(from.Where(id => id != blocked));
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (!seen.Add(id) || id == stopAt)
                {
                    continue;
                }

                // A flow to a missing node is reported by the structural checks; the analysis just stops there.
                if (!definition.Nodes.TryGetValue(id, out var node))
                {
                    continue;
                }

                foreach (var next in Successors(node).Where(n => n != blocked))
                {
                    stack.Push(next);
                }
            }

            return seen;
        }

        foreach (
            var join in definition
                .Nodes.Values.OfType<Gateway>()
                .Where(g => g.GatewayKind == GatewayKind.Parallel && g.Incoming.Count > 1)
                .OrderBy(g => g.Line)
        )
        {
            var incoming = join
                .Incoming.Select(id => definition.Flows.GetValueOrDefault(id))
                .OfType<SequenceFlow>()
                .ToList();
            var starts = definition.StartEvents(join.ScopeId).Select(s => s.Id).ToList();
            foreach (
                var split in definition
                    .Nodes.Values.OfType<Gateway>()
                    .Where(g =>
                        g.GatewayKind is GatewayKind.Exclusive or GatewayKind.EventBased
                        && g.ScopeId == join.ScopeId
                        && g.Outgoing.Count > 1
                        && g.Incoming.Count <= 1
                    )
            )
            {
                if (
                    Reach(Successors(split), null, null).Contains(split.Id)
                    || Reach(starts, split.Id, null).Contains(join.Id)
                )
                {
                    continue; // on a cycle, or the join can be reached without passing the split
                }

                var branches = split
                    .Outgoing.Select(id => definition.Flows.GetValueOrDefault(id))
                    .OfType<SequenceFlow>()
                    .Select(f => (Flow: f, Reached: Reach([f.TargetId], split.Id, join.Id)))
                    .ToList();
                bool Arrives(SequenceFlow branch, HashSet<string> reached, SequenceFlow into) =>
                    into.Id == branch.Id
                    || (into.SourceId != join.Id && reached.Contains(into.SourceId));

                var reachesJoin = branches.Any(b =>
                    incoming.Any(i => Arrives(b.Flow, b.Reached, i))
                );
                var someBranchFires = branches.Any(b =>
                    incoming.All(i => Arrives(b.Flow, b.Reached, i))
                );
                if (reachesJoin && !someBranchFires)
                {
                    errors.Add(
                        new ValidationError(
                            join.Id,
                            join.Line,
                            $"Parallel join {join.Id} can never fire: it waits for all {incoming.Count} incoming flows, "
                                + $"but they lie on alternative branches of {split.Kind} {split.Id}, which sends a token down only one."
                        )
                    );
                    break;
                }
            }
        }
    }
}
