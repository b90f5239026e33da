// A procedure with a case clock (承诺时限 10WD): started on acceptance, paused by an expert review, stopped at issue.
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>The case-clock fixture of the HTTP specs.</summary>
public static class CaseClockProcess
{
    /// <summary>
    /// accept (window clerks) → review (S&amp;T reviewers, <c>wf:caseClock="start"</c>, step limit 3WD) → expert
    /// (专家评审, <c>wf:caseClock="pause"</c>) → decide (S&amp;T chief group, 2WD) → issue (window clerks,
    /// <c>wf:caseClock="stop"</c>). Committed limit 10WD, statutory 20WD, yellow 2WD before due; checklist <c>work-permit</c>.
    /// </summary>
    public static string Xml(string key) =>
        $$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflows.city/schema/bpmn/1.0" id="Defs_{{key}}" targetNamespace="http://workflows.city/tests">
            <bpmn:process id="{{key}}" name="案件时钟测试" wf:nameEn="Case clock test" isExecutable="true" wf:committedLimit="10WD" wf:statutoryLimit="20WD" wf:slaWarning="2WD">
              <bpmn:extensionElements><camunda:properties><camunda:property name="materials" value="work-permit"/></camunda:properties></bpmn:extensionElements>
              <bpmn:startEvent id="start"/>
              <bpmn:userTask id="accept" name="受理" wf:nameEn="Acceptance" camunda:candidateGroups="bureau:window/clerk"/>
              <bpmn:userTask id="review" name="审查" wf:nameEn="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}" wf:caseClock="start" wf:slaLimit="3WD"/>
              <bpmn:userTask id="expert" name="专家评审" wf:nameEn="Expert review" camunda:candidateGroups="{{Processes.KjjReviewers}}" wf:caseClock="pause"/>
              <bpmn:userTask id="decide" name="决定" wf:nameEn="Decision" camunda:candidateGroups="bureau:kjj/chief" wf:slaLimit="2WD"/>
              <bpmn:userTask id="issue" name="发证" wf:nameEn="Issue" camunda:candidateGroups="bureau:window/clerk" wf:caseClock="stop"/>
              <bpmn:endEvent id="end"/>
              <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="accept"/>
              <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review"/>
              <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="expert"/>
              <bpmn:sequenceFlow id="f4" sourceRef="expert" targetRef="decide"/>
              <bpmn:sequenceFlow id="f5" sourceRef="decide" targetRef="issue"/>
              <bpmn:sequenceFlow id="f6" sourceRef="issue" targetRef="end"/>
            </bpmn:process>
            </bpmn:definitions>
            """;
}
