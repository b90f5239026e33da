// BPMN fixtures as small XML strings; every key is unique per call so scenarios sharing a host never collide.
namespace Workflows.Server.Tests.Infrastructure;

/// <summary>Test processes.</summary>
public static class Processes
{
    /// <summary>The reviewers' group of the S&amp;T bureau (clerk.kjj, chief.kjj).</summary>
    public const string KjjReviewers = "bureau:kjj/reviewer";

    /// <summary>A fresh definition key.</summary>
    public static string NewKey(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Wraps process content in a definitions element; <paramref name="outside"/> goes before the process (messages).</summary>
    public static string Definitions(
        string key,
        string body,
        string outside = "",
        string name = "Test process"
    ) =>
        $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflows.city/schema/bpmn/1.0" id="Defs_{{key}}" targetNamespace="http://workflows.city/tests">
            {{outside}}
            <bpmn:process id="{{key}}" name="{{name}}" isExecutable="true">
            {{body}}
            </bpmn:process>
            </bpmn:definitions>
            """;

    /// <summary>start → review (user task for the S&amp;T reviewers) → end.</summary>
    public static string UserTask(string key, string name = "Test process") =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{KjjReviewers}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """,
            name: name
        );

    /// <summary>start → split → review1 … reviewN (user tasks for the S&amp;T reviewers, in parallel) → join → end.</summary>
    public static string ParallelReviews(string key, int branches) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:parallelGateway id="split"/>
            <bpmn:parallelGateway id="join"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
            <bpmn:sequenceFlow id="fEnd" sourceRef="join" targetRef="end"/>
            """
                + string.Concat(
                    Enumerable
                        .Range(1, branches)
                        .Select(i =>
                            $$"""

                                <bpmn:userTask id="review{{i}}" name="Review {{i}}" camunda:candidateGroups="{{KjjReviewers}}"/>
                                <bpmn:sequenceFlow id="in{{i}}" sourceRef="split" targetRef="review{{i}}"/>
                                <bpmn:sequenceFlow id="out{{i}}" sourceRef="review{{i}}" targetRef="join"/>
                                """
                        )
                )
        );

    /// <summary>start → wait (intermediate timer catch due at the start variable <c>dueAt</c>, ISO 8601) → end.</summary>
    public static string TimerAt(string key) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>${dueAt}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            """
        );

    /// <summary>start → wait (intermediate timer catch of <paramref name="duration"/>) → end.</summary>
    public static string Timer(string key, string duration) =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>{{duration}}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            """
        );

    /// <summary>start → call (service task run by <paramref name="handler"/>) → end.</summary>
    public static string Service(string key, string handler) =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:serviceTask id="call" name="Call" camunda:type="{{handler}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
            """
        );

    /// <summary>start → wait (message catch of <paramref name="message"/> correlated by <c>${businessKey}</c>) → end.</summary>
    public static string Message(string key, string message) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="Msg"/></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end"/>
            """,
            outside: $$$"""<bpmn:message id="Msg" name="{{{message}}}" wf:correlationKey="${businessKey}"/>"""
        );

    /// <summary>A user task whose outgoing flow points at an element that does not exist (flow <c>f2</c>).</summary>
    public static string DanglingFlow(string key) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" camunda:candidateGroups="bureau:kjj/reviewer"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="Activity_gone"/>
            """
        );

    /// <summary>The 1-based line of the first line of <paramref name="xml"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string xml, string text) =>
        Array.FindIndex(xml.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
