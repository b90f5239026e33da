// Structural and semantic rules over a process model; works on parsed and hand-built definitions alike.
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Validation;

/// <summary>Checks a <see cref="ProcessDefinition"/> against the rules an executable process must satisfy; collects every error.</summary>
public static partial class ModelValidator
{
    /// <summary>Validates the definition; an empty list means it may be deployed and executed.</summary>
    public static IReadOnlyList<ValidationError> Validate(
        ProcessDefinition definition,
        ParseOptions? options = null
    ) => Validate(definition, options, new HashSet<string>());

    /// <summary>Validates, staying quiet about elements the parser already rejected (<paramref name="rejected"/>).</summary>
    internal static IReadOnlyList<ValidationError> Validate(
        ProcessDefinition definition,
        ParseOptions? options,
        IReadOnlySet<string> rejected
    )
    {
        var run = new Run(definition, options ?? ParseOptions.Default, rejected);
        run.CheckFlows();
        run.CheckConnections();
        run.CheckStartEvents();
        foreach (
            var node in definition
                .Nodes.Values.Where(n => !rejected.Contains(n.Id))
                .OrderBy(n => n.Line)
        )
        {
            run.CheckNode(node);
        }

        run.CheckCaseSla();
        ParallelJoinAnalyzer.Check(definition, run.Errors);
        return run.Errors;
    }

    private sealed partial class Run(
        ProcessDefinition definition,
        ParseOptions options,
        IReadOnlySet<string> rejected
    )
    {
        public List<ValidationError> Errors { get; } = [];

        private ProcessDefinition Def => definition;

        private void Error(FlowNode node, string message) =>
            Errors.Add(new ValidationError(node.Id, node.Line, message));

        private void Error(SequenceFlow flow, string message) =>
            Errors.Add(new ValidationError(flow.Id, flow.Line, message));

        public void CheckFlows()
        {
            foreach (var flow in Def.Flows.Values.OrderBy(f => f.Line))
            {
                var hasSource = Def.Nodes.TryGetValue(flow.SourceId, out var source);
                var hasTarget = Def.Nodes.TryGetValue(flow.TargetId, out var target);
                if (!hasSource && !rejected.Contains(flow.SourceId))
                {
                    Error(
                        flow,
                        $"Sequence flow {flow.Id} starts at {flow.SourceId}, which does not exist."
                    );
                }

                if (!hasTarget && !rejected.Contains(flow.TargetId))
                {
                    Error(
                        flow,
                        $"Sequence flow {flow.Id} ends at {flow.TargetId}, which does not exist."
                    );
                }

                if (source is not null && target is not null && source.ScopeId != target.ScopeId)
                {
                    Error(
                        flow,
                        $"Sequence flow {flow.Id} crosses a sub-process boundary; a flow must connect nodes of the same scope."
                    );
                }

                if (flow.Condition is not null)
                {
                    if (
                        source
                        is not Gateway
                        {
                            GatewayKind: GatewayKind.Exclusive or GatewayKind.Inclusive
                        }
                    )
                    {
                        if (source is not null)
                        {
                            Error(
                                flow,
                                $"Sequence flow {flow.Id} has a condition, but conditions are only evaluated on flows leaving exclusive or inclusive gateways."
                            );
                        }
                    }
                    else
                    {
                        CheckSyntax(flow, flow.Condition);
                    }
                }
            }
        }

        public void CheckConnections()
        {
            foreach (var node in Def.Nodes.Values.OrderBy(n => n.Line))
            {
                switch (node)
                {
                    case StartEvent when node.Incoming.Count > 0:
                        Error(
                            node,
                            $"Start event {node.Id} has incoming flows; a start event cannot be entered."
                        );
                        break;
                    case BoundaryEvent when node.Incoming.Count > 0:
                        Error(
                            node,
                            $"Boundary event {node.Id} has incoming flows; a boundary event cannot be entered."
                        );
                        break;
                    case StartEvent or BoundaryEvent:
                        break;
                    default:
                        if (node.Incoming.Count == 0)
                        {
                            Error(
                                node,
                                $"{Describe(node)} has no incoming flow, so it can never be reached."
                            );
                        }

                        break;
                }

                if (node is EndEvent)
                {
                    if (node.Outgoing.Count > 0)
                    {
                        Error(
                            node,
                            $"End event {node.Id} has outgoing flows; an end event ends its path."
                        );
                    }
                }
                else if (node.Outgoing.Count == 0)
                {
                    Error(
                        node,
                        $"{Describe(node)} has no outgoing flow; every path must reach an end event."
                    );
                }
            }
        }

        public void CheckStartEvents()
        {
            var processStarts = Def.StartEvents().ToList();
            var noneStarts = processStarts.Where(s => s.Trigger is null).ToList();
            if (processStarts.Count == 0)
            {
                Errors.Add(
                    new ValidationError(Def.Key, Def.Line, $"Process {Def.Key} has no start event.")
                );
            }

            foreach (var extra in noneStarts.Skip(1))
            {
                Error(
                    extra,
                    $"Process {Def.Key} has more than one none start event ({noneStarts[0].Id} and {extra.Id})."
                );
            }

            foreach (var sub in Def.Nodes.Values.OfType<SubProcess>())
            {
                var starts = Def.StartEvents(sub.Id).ToList();
                if (starts.Count != 1 || starts[0].Trigger is not null)
                {
                    Error(
                        sub,
                        $"Sub-process {sub.Id} must contain exactly one none start event; it has {starts.Count(s => s.Trigger is null)}."
                    );
                }
            }
        }

        public void CheckCaseSla()
        {
            if (Def.CaseSla is { } sla)
            {
                CheckSla(sla, Def.Key, Def.Line);
            }
        }

        private void CheckSla(SlaSpec sla, string id, int line)
        {
            if (!TimerValues.IsDuration(sla.Limit) && !TimerValues.IsExpression(sla.Limit))
            {
                Errors.Add(
                    new ValidationError(
                        id,
                        line,
                        $"SLA limit '{sla.Limit}' is neither working days (5WD) nor an ISO 8601 duration (P3D, PT4H)."
                    )
                );
            }

            if (
                sla.StatutoryLimit is { } statutory
                && !TimerValues.IsDuration(statutory)
                && !TimerValues.IsExpression(statutory)
            )
            {
                Errors.Add(
                    new ValidationError(
                        id,
                        line,
                        $"Statutory limit '{statutory}' is neither working days (5WD) nor an ISO 8601 duration."
                    )
                );
            }

            if (!TimerValues.IsWarning(sla.Warning))
            {
                Errors.Add(
                    new ValidationError(
                        id,
                        line,
                        $"SLA warning '{sla.Warning}' is neither a duration before the limit (1WD) nor a percentage (80%)."
                    )
                );
            }
        }

        private void CheckSyntax(SequenceFlow flow, string condition)
        {
            var problem = CompileProblem(condition, isScript: false);
            if (problem is not null)
            {
                Error(flow, $"The condition of {flow.Id} does not compile: {problem}");
            }
        }

        private string? CompileProblem(string code, bool isScript)
        {
            try
            {
                return (options.SyntaxChecker ?? ExpressionSyntax.Check)(code, isScript);
            }
            catch (Exception ex)
            {
                return ex.Message;
            }
        }

        private static string Describe(FlowNode node) => $"{Capitalize(node.Kind)} {node.Id}";

        private static string Capitalize(string s) =>
            s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
    }
}
