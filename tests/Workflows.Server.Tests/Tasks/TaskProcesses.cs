// BPMN fixtures of the task specs: a formed review with the test checklist, with and without a rejection boundary.
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Test processes for task operations.</summary>
public static class TaskProcesses
{
    /// <summary>The exit-entry reviewers (clerk.crj): a foreign bureau for clerk.kjj and chief.kjj.</summary>
    public const string CrjReviewers = "bureau:crj/reviewer";

    /// <summary>
    /// start → review (form <c>test-review</c>, checklist <c>test-materials</c>) → end; with <paramref name="boundary"/>
    /// the BPMN error <c>rejected</c> on review leads to the end event <c>refused</c>.
    /// </summary>
    public static string Review(
        string key,
        string group = Processes.KjjReviewers,
        bool boundary = true,
        string? assignee = null
    ) =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:extensionElements><camunda:properties><camunda:property name="materials" value="test-materials"/></camunda:properties></bpmn:extensionElements>
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{group}}" camunda:formKey="test-review"{{(assignee is null ? "" : $" camunda:assignee=\"{assignee}\"")}}/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            {{(boundary ? """
                <bpmn:boundaryEvent id="onRejected" attachedToRef="review"><bpmn:errorEventDefinition errorRef="Err_Rejected"/></bpmn:boundaryEvent>
                <bpmn:endEvent id="refused"/>
                <bpmn:sequenceFlow id="f3" sourceRef="onRejected" targetRef="refused"/>
                """ : "")}}
            """,
            outside: """<bpmn:error id="Err_Rejected" errorCode="rejected"/>"""
        );
}
