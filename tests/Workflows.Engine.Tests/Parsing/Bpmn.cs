// Test helper: wraps a process body into a complete BPMN definitions document with our usual namespaces.
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

internal static class Bpmn
{
    public const string Header =
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
        + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" "
        + "xmlns:wf=\"http://workflows.city/schema/bpmn/1.0\" "
        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"Defs\" targetNamespace=\"http://bpmn.io/schema/bpmn\">";

    /// <summary>A document whose process (id "p") contains <paramref name="body"/>; <paramref name="outside"/> goes beside the process (messages, errors).</summary>
    public static string Process(string body, string outside = "", string processAttributes = "") =>
        $"{Header}\n{outside}\n<bpmn:process id=\"p\" isExecutable=\"true\" {processAttributes}>\n{body}\n</bpmn:process>\n</bpmn:definitions>";

    /// <summary>start → (nodes) → end in a line: the given node XML must use ids a..; flows are generated.</summary>
    public static string Chain(params string[] nodes)
    {
        var ids = new List<string> { "start" };
        var body = new System.Text.StringBuilder("<bpmn:startEvent id=\"start\"/>\n");
        foreach (var node in nodes)
        {
            body.Append(node).Append('\n');
            var idStart = node.IndexOf("id=\"", StringComparison.Ordinal) + 4;
            ids.Add(node[idStart..node.IndexOf('"', idStart)]);
        }

        ids.Add("end");
        body.Append("<bpmn:endEvent id=\"end\"/>\n");
        for (var i = 0; i < ids.Count - 1; i++)
        {
            body.Append(
                $"<bpmn:sequenceFlow id=\"f{i + 1}\" sourceRef=\"{ids[i]}\" targetRef=\"{ids[i + 1]}\"/>\n"
            );
        }

        return body.ToString();
    }

    public static ParseResult Parse(string xml, ParseOptions? options = null) =>
        BpmnParser.Parse(xml, options);

    /// <summary>Parses and fails with every error listed when the file is not valid.</summary>
    public static Model.ProcessDefinition Valid(string xml, ParseOptions? options = null)
    {
        var result = BpmnParser.Parse(xml, options);
        Assert.True(
            result.IsValid,
            "expected a valid file, got:\n" + string.Join("\n", result.Errors)
        );
        return result.Definition!;
    }

    public static void HasError(ParseResult result, string? elementId, string fragment)
    {
        Assert.False(result.IsValid);
        Assert.True(
            result.Errors.Any(e =>
                e.ElementId == elementId
                && e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase)
            ),
            $"expected an error on {elementId ?? "(file)"} containing \"{fragment}\", got:\n"
                + string.Join("\n", result.Errors)
        );
    }
}
