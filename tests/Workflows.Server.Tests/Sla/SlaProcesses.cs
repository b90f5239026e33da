// BPMN fixtures with SLA attributes: a user task with a task clock, and a process with a case clock and a pause node.
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>SLA test processes (keys unique per call).</summary>
public static class SlaProcesses
{
    /// <summary>start → review (S&amp;T reviewers, <c>wf:slaLimit</c>=<paramref name="limit"/>, warning <paramref name="warning"/>) → end.</summary>
    public static string TaskWithSla(string key, string limit, string warning = "1WD") =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="审查" wf:nameEn="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}" wf:slaLimit="{{limit}}" wf:slaWarning="{{warning}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """
        );

    /// <summary>start → review (S&amp;T reviewers, <c>wf:slaLimit</c>=<paramref name="limit"/>, <c>wf:escalation</c>=<paramref name="escalation"/>) → end.</summary>
    public static string TaskWithEscalation(string key, string limit, string escalation) =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="审查" wf:nameEn="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}" wf:slaLimit="{{limit}}" wf:escalation="{{escalation}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """
        );
}
