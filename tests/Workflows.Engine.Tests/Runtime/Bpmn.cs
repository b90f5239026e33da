// Builds small BPMN documents for the interpreter specifications and parses them with the real parser.
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Runtime;

internal static class Bpmn
{
    public static ProcessDefinition Parse(string processBody, string definitionsExtras = "")
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                              xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                              xmlns:wf="http://workflows.city/schema/bpmn/1.0"
                              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                              id="defs" targetNamespace="http://workflows.city/test">
              {definitionsExtras}
              <bpmn:process id="proc" isExecutable="true">
                {processBody}
              </bpmn:process>
            </bpmn:definitions>
            """;
        var result = BpmnParser.Parse(xml);
        Assert.True(
            result.IsValid,
            string.Join("\n", result.Errors.Select(e => $"{e.ElementId}@{e.Line}: {e.Message}"))
        );
        return result.Definition!;
    }

    public static string Flow(string id, string from, string to, string? condition = null) =>
        condition is null
            ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
            : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    // An end event after each node, so every path ends as the validator requires.
    public static string ToEnd(params string[] nodeIds) =>
        string.Concat(
            nodeIds.Select(id =>
                $"""<bpmn:endEvent id="{id}_end" /><bpmn:sequenceFlow id="{id}_to_end" sourceRef="{id}" targetRef="{id}_end" />"""
            )
        );

    public static string Task(string id, string extra = "", string inner = "") =>
        $"""<bpmn:userTask id="{id}" name="{id}" camunda:candidateGroups="bureau:test/clerk" {extra}>{inner}</bpmn:userTask>""";
}
