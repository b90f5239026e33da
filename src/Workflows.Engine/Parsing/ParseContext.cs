// Shared state of one parse: the error list and small helpers to read attributes and locate elements.
using System.Xml;
using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>Collects errors while the reader walks the document; every error names an id and a line.</summary>
internal sealed class ParseContext(ParseOptions options)
{
    public ParseOptions Options { get; } = options;

    public List<ValidationError> Errors { get; } = [];

    /// <summary>Ids of elements already reported as unsupported; later checks stay quiet about them to avoid echo errors.</summary>
    public HashSet<string> Rejected { get; } = new(StringComparer.Ordinal);

    public static int LineOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>The element's id, or the id of its nearest ancestor that has one.</summary>
    public static string? IdOf(XElement element)
    {
        for (var e = element; e is not null; e = e.Parent)
        {
            var id = (string?)e.Attribute("id");
            if (!string.IsNullOrWhiteSpace(id))
            {
                return id;
            }
        }

        return null;
    }

    public void Error(XElement element, string message) =>
        Errors.Add(new ValidationError(IdOf(element), LineOf(element), message));

    public void Unsupported(XElement element, string? hint = null) =>
        Error(
            element,
            $"Element {element.Name.LocalName} is not supported by this engine{(hint is null ? "." : "; " + hint)}"
        );

    public static string? Attr(XElement element, XName name)
    {
        var value = (string?)element.Attribute(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static string? Bpmn(XElement element, string name) => Attr(element, name);

    public static string? Camunda(XElement element, string name) =>
        Attr(element, BpmnNamespaces.CamundaNs + name);

    public static string? Wf(XElement element, string name) =>
        Attr(element, BpmnNamespaces.WfNs + name);

    public static bool IsBpmn(XElement element, string localName) =>
        element.Name.Namespace == BpmnNamespaces.BpmnNs && element.Name.LocalName == localName;

    public static IEnumerable<XElement> BpmnChildren(XElement element, string localName) =>
        element.Elements(BpmnNamespaces.BpmnNs + localName);

    public static string? ChildText(XElement element, string localName)
    {
        var child = element.Element(BpmnNamespaces.BpmnNs + localName);
        var text = child?.Value.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static IReadOnlyList<string> SplitList(string? value) =>
        value is null
            ? []
            : value.Split(
                ',',
                StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries
            );
}
