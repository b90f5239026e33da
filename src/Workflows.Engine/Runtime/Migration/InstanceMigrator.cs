// Moves a running instance's snapshot from one version of a definition to another with an explicit mapping of
// wait-state ids. Pure: the host persists the result and moves task and timer rows by bookmark id.
using System.Text.Json;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Migration;

/// <summary>
/// Plan, validate and apply instance migrations. Only positions move: tokens, bookmarks and scopes are re-pointed at
/// the mapped elements, variables and the completed path are kept, so no completed step runs again and nothing new
/// starts (a boundary event added in the target applies to activities entered after the migration).
/// </summary>
public static class InstanceMigrator
{
    /// <summary>Proposes a mapping: every source wait state whose id exists in the target with the same kind maps to itself.</summary>
    public static MigrationPlan Plan(ProcessDefinition from, ProcessDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var mapping = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var unmapped = new List<string>();
        foreach (
            var node in from
                .Nodes.Values.Where(IsWaitState)
                .OrderBy(n => n.Line)
                .ThenBy(n => n.Id, StringComparer.Ordinal)
        )
        {
            if (to.Nodes.TryGetValue(node.Id, out var target) && target.Kind == node.Kind)
                mapping[node.Id] = node.Id;
            else
                unmapped.Add(node.Id);
        }
        var targets = to
            .Nodes.Values.Where(IsWaitState)
            .OrderBy(n => n.Line)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .Select(n => new WaitStateInfo(n.Id, n.Kind, n.Name.Zh ?? n.Name.En))
            .ToList();
        return new MigrationPlan(mapping, unmapped, targets);
    }

    /// <summary>Checks whether an instance can migrate with a mapping, without changing anything.</summary>
    public static MigrationOutcome Validate(
        InstanceState state,
        ProcessDefinition from,
        ProcessDefinition to,
        IReadOnlyDictionary<string, string> mapping
    ) => Run(state, from, to, mapping, targetVersion: null);

    /// <summary>Migrates a copy of the snapshot to <paramref name="targetVersion"/>; the input state is not changed.</summary>
    public static MigrationOutcome Apply(
        InstanceState state,
        ProcessDefinition from,
        ProcessDefinition to,
        int targetVersion,
        IReadOnlyDictionary<string, string> mapping
    ) => Run(state, from, to, mapping, targetVersion);

    /// <summary>True for a node where a token can wait: activities, catch and boundary events, and joining gateways.</summary>
    public static bool IsWaitState(FlowNode node) =>
        node switch
        {
            Activity => true,
            IntermediateCatchEvent => true,
            BoundaryEvent => true,
            Gateway g => g.GatewayKind
                is GatewayKind.Parallel
                    or GatewayKind.Inclusive
                    or GatewayKind.EventBased,
            _ => false,
        };

    private static MigrationOutcome Run(
        InstanceState state,
        ProcessDefinition from,
        ProcessDefinition to,
        IReadOnlyDictionary<string, string> mapping,
        int? targetVersion
    )
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(mapping);
        var problems = new List<MigrationProblem>();
        var active = state.ActiveElementIds.ToList();
        if (state.Status is InstanceStatus.Completed or InstanceStatus.Terminated)
        {
            problems.Add(
                new MigrationProblem(
                    null,
                    $"The instance has ended ({state.Status}); only running instances migrate."
                )
            );
            return new MigrationOutcome(problems, [], null) { ActiveElementIds = active };
        }
        if (state.DefinitionKey != from.Key || from.Key != to.Key)
            problems.Add(
                new MigrationProblem(
                    null,
                    $"The instance belongs to '{state.DefinitionKey}', not to '{to.Key}'."
                )
            );

        // Every element that must move is checked once, whichever token, bookmark or scope points at it.
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = state
            .Tokens.Select(t => t.ElementId)
            .Concat(state.Bookmarks.Select(b => b.ElementId))
            .Concat(state.Scopes.Select(s => s.ElementId))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var sourceId in used)
        {
            if (Resolve(sourceId, from, to, mapping, problems) is { } targetId)
                targets[sourceId] = targetId;
        }
        foreach (var (sourceId, targetId) in targets)
            CheckPlacement(sourceId, targetId, from, to, targets, problems);
        foreach (var token in state.Tokens.Where(t => t.ArrivedByFlowId is not null))
        {
            if (
                to.Nodes.GetValueOrDefault(targets.GetValueOrDefault(token.ElementId, ""))
                    is Gateway { GatewayKind: GatewayKind.Parallel or GatewayKind.Inclusive } join
                && !join.Incoming.Contains(token.ArrivedByFlowId!)
            )
                problems.Add(
                    new MigrationProblem(
                        token.ElementId,
                        $"A token waits at the join for flow '{token.ArrivedByFlowId}', which does not enter '{join.Id}' in the target version."
                    )
                );
        }

        var moves = state
            .Bookmarks.Where(b => targets.TryGetValue(b.ElementId, out var t) && t != b.ElementId)
            .Select(b => new ElementMove(b.Id, b.Kind, b.ElementId, targets[b.ElementId]))
            .ToList();
        if (problems.Count > 0 || targetVersion is null)
            return new MigrationOutcome(problems, moves, null) { ActiveElementIds = active };

        var copy =
            JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(state))
            ?? throw new InvalidOperationException(
                "The instance state did not survive a JSON round trip."
            );
        foreach (var token in copy.Tokens)
            token.ElementId = targets[token.ElementId];
        foreach (var bookmark in copy.Bookmarks)
            bookmark.ElementId = targets[bookmark.ElementId];
        foreach (var scope in copy.Scopes)
            scope.ElementId = targets[scope.ElementId];
        copy.DefinitionVersion = targetVersion.Value;
        return new MigrationOutcome(problems, moves, copy) { ActiveElementIds = active };
    }

    private static string? Resolve(
        string sourceId,
        ProcessDefinition from,
        ProcessDefinition to,
        IReadOnlyDictionary<string, string> mapping,
        List<MigrationProblem> problems
    )
    {
        if (!from.Nodes.TryGetValue(sourceId, out var source))
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    "The instance waits at an element its own version does not contain."
                )
            );
            return null;
        }
        if (!mapping.TryGetValue(sourceId, out var targetId) || string.IsNullOrWhiteSpace(targetId))
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    "A token waits here and the mapping gives it no target element."
                )
            );
            return null;
        }
        if (!to.Nodes.TryGetValue(targetId, out var target))
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"The target element '{targetId}' does not exist in the target version."
                )
            );
            return null;
        }
        if (target.Kind != source.Kind)
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"'{sourceId}' is a {source.Kind} but its target '{targetId}' is a {target.Kind}."
                )
            );
            return null;
        }
        if (source is Gateway sg && target is Gateway tg && sg.GatewayKind != tg.GatewayKind)
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"'{sourceId}' and '{targetId}' are gateways of different kinds."
                )
            );
            return null;
        }
        if (!IsWaitState(target))
        {
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"The target '{targetId}' is not a wait state; the token would be left nowhere."
                )
            );
            return null;
        }
        return targetId;
    }

    // A moved element must stay in the (mapped) enclosing scope, and a boundary event on the (mapped) activity it was attached to.
    private static void CheckPlacement(
        string sourceId,
        string targetId,
        ProcessDefinition from,
        ProcessDefinition to,
        Dictionary<string, string> targets,
        List<MigrationProblem> problems
    )
    {
        var source = from.Nodes[sourceId];
        var target = to.Nodes[targetId];
        var expectedScope = source.ScopeId is null
            ? null
            : targets.GetValueOrDefault(source.ScopeId, source.ScopeId);
        if (!string.Equals(expectedScope, target.ScopeId, StringComparison.Ordinal))
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"The target '{targetId}' lies in a different sub-process than '{sourceId}'."
                )
            );
        if (source is BoundaryEvent sb && target is BoundaryEvent tb)
        {
            var expectedHost = targets.GetValueOrDefault(sb.AttachedToId, sb.AttachedToId);
            if (tb.AttachedToId != expectedHost)
                problems.Add(
                    new MigrationProblem(
                        sourceId,
                        $"The boundary event '{targetId}' is attached to '{tb.AttachedToId}', not to '{expectedHost}'."
                    )
                );
            if (tb.Trigger.GetType() != sb.Trigger.GetType())
                problems.Add(
                    new MigrationProblem(
                        sourceId,
                        $"The boundary event '{targetId}' waits for a different kind of trigger."
                    )
                );
        }
        if (
            source is IntermediateCatchEvent sc
            && target is IntermediateCatchEvent tc
            && sc.Trigger.GetType() != tc.Trigger.GetType()
        )
            problems.Add(
                new MigrationProblem(
                    sourceId,
                    $"The catch event '{targetId}' waits for a different kind of trigger."
                )
            );
    }
}
