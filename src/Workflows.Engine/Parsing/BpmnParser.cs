using System.Xml.Linq;
using Workflows.Engine.Model;
using Workflows.Engine.Validation;

namespace Workflows.Engine.Parsing;

/// <summary>Reads BPMN 2.0 XML (bpmn-js, Camunda Modeler) into a validated <see cref="ProcessDefinition"/>; never throws on bad input.</summary>
public static class BpmnParser
{
    /// <summary>Parses and validates. Every problem is returned as a <see cref="ValidationError"/> with element id and line.</summary>
    /// <remarks>The definition is returned only when there is no error; the errors are in document (line) order.</remarks>
    public static ParseResult Parse(string xml, ParseOptions? options = null)
    {
        options ??= ParseOptions.Default;
        var ctx = new ParseContext(options);
        try
        {
            var definition = ParseDocument(xml, ctx);
            var errors = ctx.Errors.Distinct().OrderBy(e => e.Line).ToList();
            return new ParseResult(errors.Count == 0 ? definition : null, errors);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the parser must not take the host down with it; report it as an error of the file.
            ctx.Errors.Add(
                new ValidationError(null, 0, $"The file could not be read: {ex.Message}")
            );
            return new ParseResult(null, ctx.Errors.ToList());
        }
    }

    private static ProcessDefinition? ParseDocument(string xml, ParseContext ctx)
    {
        var document = SecureXmlLoader.Load(xml, ctx.Options, ctx.Errors);
        var root = document?.Root;
        if (root is null)
        {
            if (document is not null)
            {
                ctx.Errors.Add(new ValidationError(null, 0, "The file has no root element."));
            }

            return null;
        }

        if (root.Name != BpmnNamespaces.BpmnNs + "definitions")
        {
            ctx.Error(
                root,
                $"The root element is {root.Name.LocalName} in namespace '{root.Name.NamespaceName}', not bpmn:definitions ({BpmnNamespaces.Bpmn})."
            );
            return null;
        }

        CheckIds(root, ctx);
        var process = SelectProcess(root, ctx);
        if (process is null)
        {
            return null;
        }

        var messages = Index(root, "message");
        var errors = Index(root, "error");
        var definition = new ProcessReader(ctx, messages, errors).Read(process);
        ctx.Errors.AddRange(ModelValidator.Validate(definition, ctx.Options, ctx.Rejected));
        return definition;
    }

    private static XElement? SelectProcess(XElement root, ParseContext ctx)
    {
        var processes = root.Elements(BpmnNamespaces.BpmnNs + "process").ToList();
        var executable = processes
            .Where(p =>
                string.Equals(
                    (string?)p.Attribute("isExecutable"),
                    "true",
                    StringComparison.OrdinalIgnoreCase
                )
            )
            .ToList();
        if (executable.Count == 0)
        {
            ctx.Error(
                processes.FirstOrDefault() ?? root,
                processes.Count == 0
                    ? "The file contains no bpmn:process."
                    : "The file contains no executable process (isExecutable=\"true\")."
            );
            return null;
        }

        foreach (var extra in executable.Skip(1))
        {
            ctx.Error(
                extra,
                $"The file contains more than one executable process; only one ({ParseContext.IdOf(executable[0])}) may be executable."
            );
        }

        var process = executable[0];
        if (ParseContext.Bpmn(process, "id") is null)
        {
            ctx.Error(process, "The executable process has no id.");
        }

        return executable.Count == 1 ? process : null;
    }

    private static void CheckIds(XElement root, ParseContext ctx)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf())
        {
            var id = (string?)element.Attribute("id");
            if (id is not null && !seen.Add(id))
            {
                ctx.Errors.Add(
                    new ValidationError(
                        id,
                        ParseContext.LineOf(element),
                        $"The id {id} is used by more than one element."
                    )
                );
            }
        }
    }

    private static Dictionary<string, XElement> Index(XElement root, string localName)
    {
        var index = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.Elements(BpmnNamespaces.BpmnNs + localName))
        {
            var id = ParseContext.Bpmn(element, "id");
            if (id is not null)
            {
                index.TryAdd(id, element);
            }
        }

        return index;
    }
}
