// Reading of tasks, sub-processes and call activities with their Camunda and wf: attributes.
using System.Globalization;
using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

internal sealed partial class ProcessReader
{
    private static readonly HashSet<string> GatewayChildren =
    [
        "incoming",
        "outgoing",
        "documentation",
        "extensionElements",
    ];

    private static readonly HashSet<string> ActivityChildren =
    [
        "incoming",
        "outgoing",
        "documentation",
        "extensionElements",
        "multiInstanceLoopCharacteristics",
    ];

    private static readonly HashSet<string> ScriptTaskChildren = [.. ActivityChildren, "script"];

    private Activity? ReadActivity(XElement element, NodeHeader h)
    {
        var local = element.Name.LocalName;
        if (local != "subProcess")
        {
            CheckChildren(element, local == "scriptTask" ? ScriptTaskChildren : ActivityChildren);
        }

        CheckExtensions(
            element,
            allowInputOutput: local is "serviceTask" or "sendTask",
            allowCallMappings: local == "callActivity"
        );
        if (ParseContext.Bpmn(element, "default") is not null)
        {
            ctx.Error(
                element,
                "Default flows are only supported on exclusive and inclusive gateways."
            );
        }

        if (
            string.Equals(
                ParseContext.Bpmn(element, "isForCompensation"),
                "true",
                StringComparison.OrdinalIgnoreCase
            )
        )
        {
            ctx.Error(element, "Compensation activities are not supported by this engine.");
        }

        if (local != "userTask" && ParseContext.Wf(element, "escalation") is { } misplaced)
        {
            ctx.Error(element, $"wf:escalation '{misplaced}' is only supported on user tasks.");
        }

        var multi = ReadMultiInstance(element);
        return local switch
        {
            "userTask" => new UserTask
            {
                Id = h.Id,
                Name = h.Name,
                Line = h.Line,
                ScopeId = h.ScopeId,
                CaseClock = h.CaseClock,
                MultiInstance = multi,
                Spec = ReadUserTaskSpec(element),
                Sla = ReadTaskSla(element),
            },
            "serviceTask" or "sendTask" => new ServiceTask
            {
                Id = h.Id,
                Name = h.Name,
                Line = h.Line,
                ScopeId = h.ScopeId,
                CaseClock = h.CaseClock,
                MultiInstance = multi,
                Handler = ReadHandler(element),
                IsSendTask = local == "sendTask",
                Inputs = ReadInputs(element),
            },
            "scriptTask" => ReadScriptTask(element, h, multi),
            "receiveTask" => new ReceiveTask
            {
                Id = h.Id,
                Name = h.Name,
                Line = h.Line,
                ScopeId = h.ScopeId,
                CaseClock = h.CaseClock,
                MultiInstance = multi,
                Message = ReadMessage(element, element, "messageRef"),
            },
            "subProcess" => new SubProcess
            {
                Id = h.Id,
                Name = h.Name,
                Line = h.Line,
                ScopeId = h.ScopeId,
                CaseClock = h.CaseClock,
                MultiInstance = multi,
                ChildNodeIds = ReadScope(element, h.Id),
            },
            _ => ReadCallActivity(element, h, multi),
        };
    }

    private void CheckChildren(XElement element, IReadOnlySet<string> allowed)
    {
        foreach (var child in element.Elements())
        {
            if (
                child.Name.Namespace == BpmnNamespaces.BpmnNs
                && !allowed.Contains(child.Name.LocalName)
            )
            {
                ctx.Unsupported(child);
            }
        }
    }

    /// <summary>Refuses Camunda extensions that carry behaviour this engine would otherwise silently skip.</summary>
    private void CheckExtensions(
        XElement element,
        bool allowInputOutput,
        bool allowCallMappings = false
    )
    {
        var extensions = element.Element(BpmnNamespaces.BpmnNs + "extensionElements");
        if (extensions is null)
        {
            return;
        }

        foreach (var child in extensions.Elements())
        {
            if (child.Name.Namespace != BpmnNamespaces.CamundaNs)
            {
                continue;
            }

            var name = child.Name.LocalName;
            var refused = name switch
            {
                "executionListener" or "taskListener" or "connector" or "formData" or "field" =>
                    true,
                "inputOutput" => !allowInputOutput,
                "in" or "out" => !allowCallMappings,
                _ => false,
            };
            if (refused)
            {
                ctx.Error(child, $"camunda:{name} is not supported here by this engine.");
            }
        }
    }

    private MultiInstanceSpec? ReadMultiInstance(XElement element)
    {
        var mi = element.Element(BpmnNamespaces.BpmnNs + "multiInstanceLoopCharacteristics");
        if (mi is null)
        {
            return null;
        }

        return new MultiInstanceSpec
        {
            IsSequential = string.Equals(
                ParseContext.Bpmn(mi, "isSequential"),
                "true",
                StringComparison.OrdinalIgnoreCase
            ),
            Collection = ParseContext.Camunda(mi, "collection"),
            ElementVariable = ParseContext.Camunda(mi, "elementVariable"),
            Cardinality = ParseContext.ChildText(mi, "loopCardinality"),
            CompletionCondition = ParseContext.ChildText(mi, "completionCondition"),
        };
    }

    private UserTaskSpec ReadUserTaskSpec(XElement element)
    {
        var (form, binding, version) = ReadFormReference(element);
        return new UserTaskSpec
        {
            Assignee = ParseContext.Camunda(element, "assignee"),
            CandidateGroups = ParseContext.SplitList(
                ParseContext.Camunda(element, "candidateGroups")
            ),
            CandidateUsers = ParseContext.SplitList(
                ParseContext.Camunda(element, "candidateUsers")
            ),
            DueDate = ParseContext.Camunda(element, "dueDate"),
            FollowUpDate = ParseContext.Camunda(element, "followUpDate"),
            Priority = ParseContext.Camunda(element, "priority"),
            FormKey = form,
            FormBinding = binding,
            FormVersion = version,
        };
    }

    /// <summary>
    /// <c>camunda:formKey</c> (bound to the form as saved when the definition was deployed) or Camunda's
    /// <c>camunda:formRef</c> with <c>camunda:formRefBinding</c> (latest by default, deployment, version) and
    /// <c>camunda:formRefVersion</c>.
    /// </summary>
    private (string? Form, FormBinding Binding, int? Version) ReadFormReference(XElement element)
    {
        var key = ParseContext.Camunda(element, "formKey");
        var reference = ParseContext.Camunda(element, "formRef");
        var bindingText = ParseContext.Camunda(element, "formRefBinding");
        var versionText = ParseContext.Camunda(element, "formRefVersion");
        if (key is not null && reference is not null)
        {
            ctx.Error(
                element,
                "camunda:formKey and camunda:formRef are both set: a user task has one form."
            );
        }

        if (reference is null)
        {
            if (bindingText is not null || versionText is not null)
            {
                ctx.Error(
                    element,
                    "camunda:formRefBinding and camunda:formRefVersion need camunda:formRef."
                );
            }

            return (key, FormBinding.Deployment, null);
        }

        var binding = FormBinding.Latest;
        if (
            bindingText is not null
            && (
                int.TryParse(bindingText, out _)
                || !Enum.TryParse(bindingText, ignoreCase: true, out binding)
            )
        )
        {
            ctx.Error(
                element,
                $"camunda:formRefBinding '{bindingText}' is not one of latest, deployment, version."
            );
            binding = FormBinding.Latest;
        }

        int? version = null;
        if (binding == FormBinding.Version)
        {
            if (
                int.TryParse(
                    versionText,
                    NumberStyles.None,
                    CultureInfo.InvariantCulture,
                    out var v
                )
                && v > 0
            )
            {
                version = v;
            }
            else
            {
                ctx.Error(
                    element,
                    versionText is null
                        ? "camunda:formRefBinding=\"version\" needs camunda:formRefVersion."
                        : $"camunda:formRefVersion '{versionText}' is not a positive whole number."
                );
            }
        }
        else if (versionText is not null)
        {
            ctx.Error(
                element,
                "camunda:formRefVersion is only read with camunda:formRefBinding=\"version\"."
            );
        }

        return (reference, binding, version);
    }

    private SlaSpec? ReadTaskSla(XElement element)
    {
        var limit = ParseContext.Wf(element, "slaLimit");
        var statutory = ParseContext.Wf(element, "slaStatutoryLimit");
        var warning = ParseContext.Wf(element, "slaWarning");
        var clock = ParseContext.Wf(element, "slaClock");
        var reasons = ParseContext.Wf(element, "slaPauseReasons");
        var escalationText = ParseContext.Wf(element, "escalation");
        if (limit is null)
        {
            if (
                statutory is not null
                || warning is not null
                || clock is not null
                || reasons is not null
                || escalationText is not null
            )
            {
                ctx.Error(element, "SLA attributes are set but wf:slaLimit is missing.");
            }

            return null;
        }

        var kind = SlaClockKind.Task;
        if (clock is not null)
        {
            if (clock.Equals("case", StringComparison.OrdinalIgnoreCase))
            {
                kind = SlaClockKind.Case;
            }
            else if (!clock.Equals("task", StringComparison.OrdinalIgnoreCase))
            {
                ctx.Error(element, $"wf:slaClock '{clock}' is not one of task, case.");
            }
        }

        return new SlaSpec
        {
            Limit = limit,
            StatutoryLimit = statutory,
            Warning = warning ?? "1WD",
            Clock = kind,
            PauseReasons = ParseContext.SplitList(reasons),
            Escalation = ReadEscalation(element, escalationText, kind),
        };
    }

    /// <summary><c>wf:escalation</c>: notify (default), assign:chief, assign:&lt;userName&gt; or group:&lt;groupId&gt;.</summary>
    private SlaEscalation ReadEscalation(XElement element, string? value, SlaClockKind kind)
    {
        if (value is null)
        {
            return SlaEscalation.Notify;
        }

        if (!SlaEscalation.TryParse(value, out var escalation))
        {
            ctx.Error(
                element,
                $"wf:escalation '{value}' is not one of notify, assign:chief, assign:<userName>, group:<groupId>."
            );
            return SlaEscalation.Notify;
        }

        if (kind == SlaClockKind.Case && escalation.Mode != SlaEscalationMode.Notify)
        {
            // The case clock belongs to the whole case, not to this task: reassigning on its breach would be a guess.
            ctx.Error(
                element,
                $"wf:escalation '{value}' needs the task's own clock; it is not supported with wf:slaClock=\"case\"."
            );
            return SlaEscalation.Notify;
        }

        return escalation;
    }

    private SlaSpec? ReadCaseSla(XElement process)
    {
        var committed = ParseContext.Wf(process, "committedLimit");
        var statutory = ParseContext.Wf(process, "statutoryLimit");
        var warning = ParseContext.Wf(process, "slaWarning");
        if (committed is null && statutory is null)
        {
            if (warning is not null)
            {
                ctx.Error(
                    process,
                    "wf:slaWarning is set but the process has no wf:committedLimit."
                );
            }

            return null;
        }

        return new SlaSpec
        {
            Limit = committed ?? statutory!,
            StatutoryLimit = statutory,
            Warning = warning ?? "1WD",
            Clock = SlaClockKind.Case,
            PauseReasons = ParseContext.SplitList(ParseContext.Wf(process, "slaPauseReasons")),
        };
    }

    private string ReadHandler(XElement element)
    {
        if (
            ParseContext.Camunda(element, "class") is not null
            || ParseContext.Camunda(element, "expression") is not null
        )
        {
            ctx.Error(
                element,
                "camunda:class and camunda:expression are not supported; name a registered handler with camunda:type, wf:handler or camunda:delegateExpression."
            );
        }

        var type = ParseContext.Camunda(element, "type");
        if (type is not null)
        {
            return type == "external"
                ? ParseContext.Camunda(element, "topic") ?? string.Empty
                : type;
        }

        var handler = ParseContext.Wf(element, "handler");
        if (handler is not null)
        {
            return handler;
        }

        var delegateExpression = ParseContext.Camunda(element, "delegateExpression");
        if (delegateExpression is not null)
        {
            return StripExpression(delegateExpression);
        }

        return string.Empty;
    }

    internal static string StripExpression(string value)
    {
        var v = value.Trim();
        return
            (
                v.StartsWith("${", StringComparison.Ordinal)
                || v.StartsWith("#{", StringComparison.Ordinal)
            ) && v.EndsWith('}')
            ? v[2..^1].Trim()
            : v;
    }

    private Dictionary<string, string> ReadInputs(XElement element)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensions = element.Element(BpmnNamespaces.BpmnNs + "extensionElements");
        if (extensions is null)
        {
            return inputs;
        }

        var parameters = extensions
            .Elements(BpmnNamespaces.CamundaNs + "inputOutput")
            .Elements()
            .Concat(extensions.Elements(BpmnNamespaces.WfNs + "input"));
        foreach (var parameter in parameters)
        {
            if (parameter.Name.LocalName == "outputParameter")
            {
                ctx.Error(
                    parameter,
                    "camunda:outputParameter is not supported; handlers return their outputs as variables."
                );
                continue;
            }

            var name = ParseContext.Attr(parameter, "name");
            if (name is null)
            {
                ctx.Error(parameter, "An input parameter has no name.");
                continue;
            }

            if (parameter.Elements().Any())
            {
                ctx.Error(
                    parameter,
                    $"Input parameter {name} must be a text value or expression (lists, maps and scripts are not supported)."
                );
                continue;
            }

            inputs[name] = parameter.Value.Trim();
        }

        return inputs;
    }

    private ScriptTask ReadScriptTask(XElement element, NodeHeader h, MultiInstanceSpec? multi)
    {
        var format = ParseContext.Bpmn(element, "scriptFormat");
        if (format is null)
        {
            ctx.Error(element, "A script task needs scriptFormat=\"javascript\".");
        }
        else if (!IsJavaScript(format))
        {
            ctx.Error(element, $"Script format '{format}' is not supported; only JavaScript is.");
            Reject(element);
        }

        if (ParseContext.Camunda(element, "resource") is not null)
        {
            ctx.Error(
                element,
                "External scripts (camunda:resource) are not supported; put the script in the model."
            );
        }

        return new ScriptTask
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            MultiInstance = multi,
            Script = ParseContext.ChildText(element, "script") ?? string.Empty,
            ResultVariable = ParseContext.Camunda(element, "resultVariable"),
        };
    }

    private CallActivity ReadCallActivity(XElement element, NodeHeader h, MultiInstanceSpec? multi)
    {
        int? pinned = null;
        var binding = ParseContext.Camunda(element, "calledElementBinding");
        switch (binding)
        {
            case null or "latest":
                break;
            case "version":
                var version = ParseContext.Camunda(element, "calledElementVersion");
                if (
                    int.TryParse(
                        version,
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out var v
                    )
                    && v > 0
                )
                {
                    pinned = v;
                }
                else
                {
                    ctx.Error(
                        element,
                        $"camunda:calledElementVersion '{version}' is not a positive version number."
                    );
                }

                break;
            default:
                // Our versions belong to a definition key, not to a deployment bundle, so "deployment" has no meaning here.
                ctx.Error(
                    element,
                    $"camunda:calledElementBinding '{binding}' is not supported; use latest or version."
                );
                break;
        }

        var extensions = element.Element(BpmnNamespaces.BpmnNs + "extensionElements");
        return new CallActivity
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            MultiInstance = multi,
            CalledElement = ParseContext.Bpmn(element, "calledElement") ?? string.Empty,
            PinnedVersion = pinned,
            InVariables = ReadMappings(extensions, "in"),
            OutVariables = ReadMappings(extensions, "out"),
        };
    }

    /// <summary>camunda:in / camunda:out: variables="all" gives null (all); otherwise the names (none mapped: none copied, as in Camunda).</summary>
    private List<string>? ReadMappings(XElement? extensions, string direction)
    {
        var names = new List<string>();
        if (extensions is null)
        {
            return names;
        }

        foreach (var mapping in extensions.Elements(BpmnNamespaces.CamundaNs + direction))
        {
            if (ParseContext.Attr(mapping, "variables") == "all")
            {
                return null;
            }

            var source = ParseContext.Attr(mapping, "source");
            var target = ParseContext.Attr(mapping, "target");
            if (
                ParseContext.Attr(mapping, "sourceExpression") is not null
                || ParseContext.Attr(mapping, "businessKey") is not null
            )
            {
                ctx.Error(
                    mapping,
                    $"camunda:{direction} with sourceExpression or businessKey is not supported; map variables by name."
                );
            }
            else if (source is null || (target is not null && target != source))
            {
                ctx.Error(
                    mapping,
                    $"camunda:{direction} must copy a variable under its own name (source and target equal)."
                );
            }
            else
            {
                names.Add(source);
            }
        }

        return names;
    }

    private static Dictionary<string, string> ReadProperties(XElement element)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensions = element.Element(BpmnNamespaces.BpmnNs + "extensionElements");
        var items =
            extensions
                ?.Elements(BpmnNamespaces.CamundaNs + "properties")
                .Elements(BpmnNamespaces.CamundaNs + "property")
            ?? [];
        foreach (var property in items)
        {
            var name = ParseContext.Attr(property, "name");
            if (name is not null)
            {
                properties[name] = (string?)property.Attribute("value") ?? string.Empty;
            }
        }

        return properties;
    }
}
