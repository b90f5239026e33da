// BPMN fixtures as XML strings with unique keys, so specs sharing a cluster never collide.
using System.Text;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Test processes.</summary>
public static class Bpmn
{
    /// <summary>The S&amp;T bureau reviewers (clerk.kjj).</summary>
    public const string Reviewers = "bureau:kjj/reviewer";

    /// <summary>A fresh definition key.</summary>
    public static string NewKey(string prefix) =>
        $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Wraps process content in a definitions element.</summary>
    public static string Definitions(string key, string body) =>
        $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_{{key}}" targetNamespace="http://workflows.city/tests">
            <bpmn:process id="{{key}}" name="Multi-node {{key}}" isExecutable="true">
            {{body}}
            </bpmn:process>
            </bpmn:definitions>
            """;

    /// <summary>start → wait (timer of <paramref name="duration"/>) → end.</summary>
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

    /// <summary>start → review (user task) → end.</summary>
    public static string UserTask(string key) =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{Reviewers}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """
        );

    /// <summary>start → parallel split into <paramref name="branches"/> user tasks → parallel join → end.</summary>
    public static string ParallelTasks(string key, int branches)
    {
        var body = new StringBuilder(
            """
            <bpmn:startEvent id="start"/>
            <bpmn:parallelGateway id="split"/>
            <bpmn:parallelGateway id="join"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split"/>
            <bpmn:sequenceFlow id="fEnd" sourceRef="join" targetRef="end"/>
            """
        );
        for (var i = 1; i <= branches; i++)
            body.Append(
                $$"""

                <bpmn:userTask id="t{{i}}" name="Review {{i}}" camunda:candidateGroups="{{Reviewers}}"/>
                <bpmn:sequenceFlow id="in{{i}}" sourceRef="split" targetRef="t{{i}}"/>
                <bpmn:sequenceFlow id="out{{i}}" sourceRef="t{{i}}" targetRef="join"/>
                """
            );
        return Definitions(key, body.ToString());
    }

    /// <summary>start → call (call activity starting <paramref name="childKey"/>) → end.</summary>
    public static string CallActivity(string key, string childKey) =>
        Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:callActivity id="call" name="Child" calledElement="{{childKey}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call"/>
            <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end"/>
            """
        );

    /// <summary>start → end.</summary>
    public static string Empty(string key) =>
        Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
            """
        );
}
