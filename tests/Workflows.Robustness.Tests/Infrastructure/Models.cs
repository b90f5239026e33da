// Small BPMN models of the robustness tests; keys are unique per call so tests sharing a host never collide.
namespace Workflows.Robustness.Tests.Infrastructure;

/// <summary>Test processes.</summary>
public static class Models
{
    /// <summary>A fresh definition key.</summary>
    public static string NewKey(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Wraps process content in a definitions element.</summary>
    public static string Definitions(string key, string body, string outside = "") =>
        $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflows.city/schema/bpmn/1.0" id="Defs_{{key}}" targetNamespace="http://workflows.city/tests">
            {{outside}}
            <bpmn:process id="{{key}}" name="Robustness {{key}}" isExecutable="true">
            {{body}}
            </bpmn:process>
            </bpmn:definitions>
            """;

    /// <summary>start → review (user task for bureau:kjj/reviewer) → end.</summary>
    public static string UserTask(string key) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="bureau:kjj/reviewer"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """
        );

    /// <summary>start → run (a JavaScript script task with <paramref name="script"/>) → end.</summary>
    public static string Script(string key, string script) =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:scriptTask id="run" name="Run" scriptFormat="javascript"><bpmn:script><![CDATA[{{script}}]]></bpmn:script></bpmn:scriptTask>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="run"/>
            <bpmn:sequenceFlow id="f2" sourceRef="run" targetRef="end"/>
            """
        );
}
