// Reading of start, end, intermediate catch and boundary events and their event definitions.
using System.Xml.Linq;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

internal sealed partial class ProcessReader
{
    private static readonly HashSet<string> EventChildren =
    [
        "incoming",
        "outgoing",
        "documentation",
        "extensionElements",
    ];

    private StartEvent ReadStartEvent(XElement element, NodeHeader h)
    {
        var trigger = ReadEventDefinition(element, h.ScopeId is null ? ["timer", "message"] : []);
        if (ParseContext.Bpmn(element, "isInterrupting") == "false")
        {
            ctx.Error(
                element,
                "Non-interrupting start events belong to event sub-processes, which are not supported."
            );
        }

        return new StartEvent
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            Trigger = trigger,
        };
    }

    private EndEvent ReadEndEvent(XElement element, NodeHeader h)
    {
        var result = ReadEventDefinition(element, ["terminate", "error"]);
        return new EndEvent
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            Result = result,
        };
    }

    private IntermediateCatchEvent ReadCatchEvent(XElement element, NodeHeader h)
    {
        var trigger = ReadEventDefinition(element, ["timer", "message"]);
        if (trigger is null && !ctx.Rejected.Contains(h.Id))
        {
            ctx.Error(element, "An intermediate catch event needs a timer or message definition.");
        }

        return new IntermediateCatchEvent
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            Trigger = trigger ?? new TimerDefinition(null, null, null),
        };
    }

    private BoundaryEvent ReadBoundaryEvent(XElement element, NodeHeader h)
    {
        var trigger = ReadEventDefinition(element, ["timer", "message", "error"]);
        if (trigger is null && !ctx.Rejected.Contains(h.Id))
        {
            ctx.Error(element, "A boundary event needs a timer, message or error definition.");
        }

        var attachedTo = ParseContext.Bpmn(element, "attachedToRef");
        if (attachedTo is null)
        {
            ctx.Error(element, "A boundary event has no attachedToRef.");
        }

        return new BoundaryEvent
        {
            Id = h.Id,
            Name = h.Name,
            Line = h.Line,
            ScopeId = h.ScopeId,
            CaseClock = h.CaseClock,
            AttachedToId = attachedTo ?? string.Empty,
            CancelActivity = !string.Equals(
                ParseContext.Bpmn(element, "cancelActivity"),
                "false",
                StringComparison.OrdinalIgnoreCase
            ),
            Trigger = trigger ?? new TimerDefinition(null, null, null),
        };
    }

    /// <summary>Reads the single event definition of an event; <paramref name="allowed"/> lists the kinds this event may carry.</summary>
    private EventDefinition? ReadEventDefinition(XElement element, string[] allowed)
    {
        var definitions = new List<XElement>();
        foreach (var child in element.Elements())
        {
            if (
                child.Name.Namespace != BpmnNamespaces.BpmnNs
                || EventChildren.Contains(child.Name.LocalName)
            )
            {
                continue;
            }

            if (child.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
            {
                definitions.Add(child);
            }
            else
            {
                ctx.Unsupported(child);
            }
        }

        CheckExtensions(element, allowInputOutput: false);
        if (definitions.Count == 0)
        {
            return null;
        }

        if (definitions.Count > 1)
        {
            ctx.Error(
                element,
                "An event with more than one event definition (a multiple event) is not supported."
            );
        }

        var definition = definitions[0];
        var kind = definition.Name.LocalName[..^"EventDefinition".Length];
        if (kind is not ("timer" or "message" or "error" or "terminate"))
        {
            ctx.Error(
                element,
                $"{Capitalize(kind)} events ({definition.Name.LocalName}) are not supported by this engine."
            );
            Reject(element);
            return null;
        }

        if (!allowed.Contains(kind))
        {
            ctx.Error(
                element,
                $"A {kind} definition is not allowed on a {element.Name.LocalName}{(element.Name.LocalName == "startEvent" && allowed.Length == 0 ? " inside a sub-process" : "")}."
            );
            Reject(element);
            return null;
        }

        return kind switch
        {
            "timer" => ReadTimer(definition),
            "message" => ReadMessage(element, definition, "messageRef"),
            "error" => ReadError(element, definition),
            _ => new TerminateDefinition(),
        };
    }

    private static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static TimerDefinition ReadTimer(XElement definition) =>
        new(
            ParseContext.ChildText(definition, "timeDuration"),
            ParseContext.ChildText(definition, "timeDate"),
            ParseContext.ChildText(definition, "timeCycle")
        );

    /// <summary>Resolves a messageRef; the correlation key comes from the event, the definition or the message, in that order.</summary>
    private MessageDefinition ReadMessage(XElement owner, XElement refHolder, string refAttribute)
    {
        var reference = ParseContext.Attr(refHolder, refAttribute);
        XElement? message = null;
        if (reference is not null && !messages.TryGetValue(reference, out message))
        {
            ctx.Error(
                owner,
                $"Message {reference} referenced by {ParseContext.IdOf(owner)} does not exist."
            );
        }

        var name = message is null ? null : ParseContext.Bpmn(message, "name");
        var key =
            ParseContext.Wf(owner, "correlationKey")
            ?? ParseContext.Wf(refHolder, "correlationKey")
            ?? (message is null ? null : ParseContext.Wf(message, "correlationKey"));
        return new MessageDefinition(name ?? string.Empty, key);
    }

    private ErrorDefinition ReadError(XElement owner, XElement definition)
    {
        var reference = ParseContext.Attr(definition, "errorRef");
        if (reference is null)
        {
            return new ErrorDefinition(null);
        }

        if (!bpmnErrors.TryGetValue(reference, out var error))
        {
            ctx.Error(
                owner,
                $"Error {reference} referenced by {ParseContext.IdOf(owner)} does not exist."
            );
            return new ErrorDefinition(null);
        }

        return new ErrorDefinition(
            ParseContext.Bpmn(error, "errorCode"),
            ParseContext.Bpmn(error, "name")
        );
    }
}
