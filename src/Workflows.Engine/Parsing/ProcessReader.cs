// Walks one bpmn:process element (and its sub-processes) and builds the model nodes and flows.
using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>Reads a process element into nodes and flows; anything it cannot execute becomes an error, never a silent skip.</summary>
internal sealed partial class ProcessReader
{
    // Presentation and documentation content: accepted and ignored wherever it appears in a scope.
    private static readonly HashSet<string> IgnoredInScope =
    [
        "documentation",
        "extensionElements",
        "laneSet",
        "textAnnotation",
        "association",
        "group",
        "dataObject",
        "dataObjectReference",
        "dataStoreReference",
        "incoming",
        "outgoing",
    ];

    private readonly ParseContext ctx;
    private readonly IReadOnlyDictionary<string, XElement> messages;
    private readonly IReadOnlyDictionary<string, XElement> bpmnErrors;
    private readonly Dictionary<string, FlowNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SequenceFlow> flows = new(StringComparer.Ordinal);
    private readonly List<(SequenceFlow Flow, string? ScopeId, XElement Element)> flowScopes = [];
    private readonly Dictionary<string, XElement> nodeElements = new(StringComparer.Ordinal);

    public ProcessReader(
        ParseContext ctx,
        IReadOnlyDictionary<string, XElement> messages,
        IReadOnlyDictionary<string, XElement> bpmnErrors
    )
    {
        this.ctx = ctx;
        this.messages = messages;
        this.bpmnErrors = bpmnErrors;
    }

    public ProcessDefinition Read(XElement process)
    {
        ReadScope(process, null);
        ConnectFlows();
        AttachBoundaries();

        return new ProcessDefinition
        {
            Key = ParseContext.Bpmn(process, "id") ?? string.Empty,
            Name = NameOf(process),
            Line = ParseContext.LineOf(process),
            CaseSla = ReadCaseSla(process),
            Nodes = nodes,
            Flows = flows,
            Properties = ReadProperties(process),
        };
    }

    private List<string> ReadScope(XElement container, string? scopeId)
    {
        var childIds = new List<string>();
        foreach (var element in container.Elements())
        {
            if (element.Name.Namespace != BpmnNamespaces.BpmnNs)
            {
                continue;
            }

            var local = element.Name.LocalName;
            if (
                IgnoredInScope.Contains(local)
                || (
                    local == "multiInstanceLoopCharacteristics"
                    && ParseContext.IsBpmn(container, "subProcess")
                )
            )
            {
                continue;
            }

            if (local == "sequenceFlow")
            {
                ReadFlow(element, scopeId);
                continue;
            }

            var node = ReadNode(element, scopeId);
            if (node is null)
            {
                continue;
            }

            if (nodes.ContainsKey(node.Id))
            {
                continue; // duplicate ids are reported once, by the document-wide id check
            }

            nodes[node.Id] = node;
            nodeElements[node.Id] = element;
            childIds.Add(node.Id);
        }

        return childIds;
    }

    private FlowNode? ReadNode(XElement element, string? scopeId)
    {
        var local = element.Name.LocalName;
        if (!NodeKinds.Contains(local))
        {
            ctx.Unsupported(element, UnsupportedHint(element));
            Reject(element);
            return null;
        }

        if (
            local == "subProcess"
            && string.Equals(
                ParseContext.Bpmn(element, "triggeredByEvent"),
                "true",
                StringComparison.OrdinalIgnoreCase
            )
        )
        {
            ctx.Error(
                element,
                "Event sub-processes (subProcess triggeredByEvent=\"true\") are not supported by this engine."
            );
            Reject(element);
            return null;
        }

        var id = ParseContext.Bpmn(element, "id");
        if (id is null)
        {
            ctx.Error(element, $"A {local} has no id.");
            return null;
        }

        var common = new NodeHeader(
            id,
            NameOf(element),
            ParseContext.LineOf(element),
            scopeId,
            ReadCaseClock(element)
        );
        return local switch
        {
            "startEvent" => ReadStartEvent(element, common),
            "endEvent" => ReadEndEvent(element, common),
            "intermediateCatchEvent" => ReadCatchEvent(element, common),
            "boundaryEvent" => ReadBoundaryEvent(element, common),
            "exclusiveGateway" => ReadGateway(element, common, GatewayKind.Exclusive),
            "inclusiveGateway" => ReadGateway(element, common, GatewayKind.Inclusive),
            "parallelGateway" => ReadGateway(element, common, GatewayKind.Parallel),
            "eventBasedGateway" => ReadGateway(element, common, GatewayKind.EventBased),
            _ => ReadActivity(element, common),
        };
    }

    private static readonly HashSet<string> NodeKinds =
    [
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "boundaryEvent",
        "exclusiveGateway",
        "inclusiveGateway",
        "parallelGateway",
        "eventBasedGateway",
        "userTask",
        "serviceTask",
        "sendTask",
        "scriptTask",
        "receiveTask",
        "subProcess",
        "callActivity",
    ];

    private static string? UnsupportedHint(XElement element) =>
        element.Name.LocalName switch
        {
            "task" => "use a user, service or script task",
            "manualTask" => "model the manual work as a user task",
            "businessRuleTask" => "use a service task or an exclusive gateway with conditions",
            "intermediateThrowEvent" =>
                "throw events (including none throw events) are not executed",
            "complexGateway" => "use exclusive, inclusive or parallel gateways",
            "transaction" => "use a sub-process with error boundary events",
            "adHocSubProcess" => "use a sub-process",
            _ => null,
        };

    private Gateway ReadGateway(XElement element, NodeHeader h, GatewayKind kind)
    {
        CheckChildren(element, GatewayChildren);
        CheckExtensions(element, allowInputOutput: false);
        var defaultFlow = ParseContext.Bpmn(element, "default");
        if (defaultFlow is not null && kind is GatewayKind.Parallel or GatewayKind.EventBased)
        {
            ctx.Error(element, $"A {element.Name.LocalName} cannot have a default flow.");
        }

        return new Gateway
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            GatewayKind = kind,
            DefaultFlowId = kind is GatewayKind.Exclusive or GatewayKind.Inclusive
                ? defaultFlow
                : null,
        };
    }

    private void ReadFlow(XElement element, string? scopeId)
    {
        var id = ParseContext.Bpmn(element, "id");
        if (id is null)
        {
            ctx.Error(element, "A sequenceFlow has no id.");
            return;
        }

        var source = ParseContext.Bpmn(element, "sourceRef");
        var target = ParseContext.Bpmn(element, "targetRef");
        if (source is null)
        {
            ctx.Error(element, $"Sequence flow {id} has no sourceRef.");
        }

        if (target is null)
        {
            ctx.Error(element, $"Sequence flow {id} has no targetRef.");
        }

        string? condition = null;
        var conditionElement = element.Element(BpmnNamespaces.BpmnNs + "conditionExpression");
        if (conditionElement is not null)
        {
            var language = ParseContext.Attr(conditionElement, "language");
            if (language is not null && !IsJavaScript(language))
            {
                ctx.Error(
                    conditionElement,
                    $"Condition language '{language}' is not supported; use JavaScript or a ${{...}} expression."
                );
            }

            if (ParseContext.Camunda(conditionElement, "resource") is not null)
            {
                ctx.Error(
                    conditionElement,
                    "External condition scripts (camunda:resource) are not supported."
                );
            }

            condition = conditionElement.Value.Trim();
            if (condition.Length == 0)
            {
                ctx.Error(conditionElement, $"Sequence flow {id} has an empty condition.");
                condition = null;
            }
        }

        if (flows.ContainsKey(id) || source is null || target is null)
        {
            return;
        }

        var flow = new SequenceFlow
        {
            Id = id,
            SourceId = source,
            TargetId = target,
            Condition = condition,
            Name = NameOf(element),
            Line = ParseContext.LineOf(element),
        };
        flows[id] = flow;
        flowScopes.Add((flow, scopeId, element));
    }

    private void Reject(XElement element)
    {
        if (ParseContext.Bpmn(element, "id") is { } id)
        {
            ctx.Rejected.Add(id);
        }
    }

    internal static bool IsJavaScript(string language) =>
        language.Equals("javascript", StringComparison.OrdinalIgnoreCase)
        || language.Equals("js", StringComparison.OrdinalIgnoreCase)
        || language.Equals("ecmascript", StringComparison.OrdinalIgnoreCase);

    /// <summary>Derives each node's incoming and outgoing lists from the flows and checks them against bpmn:incoming/outgoing.</summary>
    private void ConnectFlows()
    {
        var incoming = nodes.Keys.ToDictionary(
            k => k,
            _ => new List<string>(),
            StringComparer.Ordinal
        );
        var outgoing = nodes.Keys.ToDictionary(
            k => k,
            _ => new List<string>(),
            StringComparer.Ordinal
        );
        foreach (var (flow, scopeId, element) in flowScopes)
        {
            nodes.TryGetValue(flow.SourceId, out var source);
            nodes.TryGetValue(flow.TargetId, out var target);

            // A flow between two nodes of another scope than the one declaring it (the validator reports flows whose ends differ).
            if (
                source is not null
                && target is not null
                && source.ScopeId == target.ScopeId
                && source.ScopeId != scopeId
            )
            {
                ctx.Error(
                    element,
                    $"Sequence flow {flow.Id} crosses a sub-process boundary; a flow must connect nodes of the same scope."
                );
            }

            if (source is not null)
            {
                outgoing[source.Id].Add(flow.Id);
            }

            if (target is not null)
            {
                incoming[target.Id].Add(flow.Id);
            }
        }

        foreach (var (id, node) in nodes)
        {
            node.Incoming = incoming[id];
            node.Outgoing = outgoing[id];
            CheckDeclared(nodeElements[id], "incoming", incoming[id]);
            CheckDeclared(nodeElements[id], "outgoing", outgoing[id]);
        }
    }

    private void CheckDeclared(XElement element, string direction, List<string> derived)
    {
        var declared = ParseContext
            .BpmnChildren(element, direction)
            .Select(e => e.Value.Trim())
            .ToList();
        if (declared.Count == 0)
        {
            return;
        }

        var missing = declared
            .Except(derived, StringComparer.Ordinal)
            .Concat(derived.Except(declared, StringComparer.Ordinal))
            .ToList();
        if (missing.Count > 0)
        {
            ctx.Error(
                element,
                $"The bpmn:{direction} list of {ParseContext.IdOf(element)} does not agree with the sequence flows ({string.Join(", ", missing)})."
            );
        }
    }

    private void AttachBoundaries()
    {
        foreach (
            var group in nodes
                .Values.OfType<BoundaryEvent>()
                .GroupBy(b => b.AttachedToId, StringComparer.Ordinal)
        )
        {
            if (nodes.TryGetValue(group.Key, out var host) && host is Activity activity)
            {
                activity.BoundaryEventIds = group.Select(b => b.Id).ToList();
            }
        }
    }

    private static LocalizedName NameOf(XElement element)
    {
        var zh = ParseContext.Bpmn(element, "name");
        var en = ParseContext.Wf(element, "nameEn");
        return zh is null && en is null ? LocalizedName.Empty : new LocalizedName(zh, en);
    }

    private CaseClockAction? ReadCaseClock(XElement element)
    {
        var value = ParseContext.Wf(element, "caseClock");
        if (value is null)
        {
            return null;
        }

        if (
            Enum.TryParse<CaseClockAction>(value, ignoreCase: true, out var action)
            && !int.TryParse(value, out _)
        )
        {
            return action;
        }

        ctx.Error(element, $"wf:caseClock '{value}' is not one of start, pause, resume, stop.");
        return null;
    }

    private readonly record struct NodeHeader(
        string Id,
        LocalizedName Name,
        int Line,
        string? ScopeId,
        CaseClockAction? CaseClock
    );
}
