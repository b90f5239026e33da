// How each kind of activity is read from Camunda 7 and wf: attributes.
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Parsing;

public class ActivityMappingTests
{
    [Fact]
    public void User_task_reads_camunda_attributes_with_trimmed_lists_and_task_sla()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:userTask id="review" camunda:assignee="${initiator}" camunda:candidateGroups=" bureau:kjj/reviewer , bureau:rsj/reviewer"
                        camunda:candidateUsers="u1,u2" camunda:dueDate="3WD" camunda:followUpDate="P1D" camunda:priority="80" camunda:formKey="work-permit-review"
                        wf:slaLimit="5WD" wf:slaStatutoryLimit="20WD" wf:slaWarning="80%" wf:slaClock="case" wf:slaPauseReasons="supplement, expert-review"
                        wf:caseClock="start"/>
                    """
                )
            )
        );

        var task = def.Node<UserTask>("review");
        Assert.Equal("${initiator}", task.Spec.Assignee);
        Assert.Equal(["bureau:kjj/reviewer", "bureau:rsj/reviewer"], task.Spec.CandidateGroups);
        Assert.Equal(["u1", "u2"], task.Spec.CandidateUsers);
        Assert.Equal("3WD", task.Spec.DueDate);
        Assert.Equal("P1D", task.Spec.FollowUpDate);
        Assert.Equal("80", task.Spec.Priority);
        Assert.Equal("work-permit-review", task.Spec.FormKey);
        Assert.Equal(
            new SlaSpec
            {
                Limit = "5WD",
                StatutoryLimit = "20WD",
                Warning = "80%",
                Clock = SlaClockKind.Case,
                PauseReasons = task.Sla!.PauseReasons,
            },
            task.Sla
        );
        Assert.Equal(["supplement", "expert-review"], task.Sla.PauseReasons);
        Assert.Equal(CaseClockAction.Start, task.CaseClock);
    }

    [Theory]
    [InlineData("camunda:type=\"notify-applicant\"", "notify-applicant")]
    [InlineData("camunda:type=\"external\" camunda:topic=\"sms\"", "sms")]
    [InlineData("wf:handler=\"archive\"", "archive")]
    [InlineData("camunda:delegateExpression=\"${issueCertificate}\"", "issueCertificate")]
    public void Service_task_handler_comes_from_type_topic_wf_handler_or_delegate_expression(
        string attributes,
        string handler
    )
    {
        var def = Bpmn.Valid(
            Bpmn.Process(Bpmn.Chain($"<bpmn:serviceTask id=\"svc\" {attributes}/>"))
        );

        Assert.Equal(handler, def.Node<ServiceTask>("svc").Handler);
    }

    [Fact]
    public void Send_task_is_a_service_task_with_inputs()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:sendTask id="send" camunda:type="mail">
                      <bpmn:extensionElements>
                        <camunda:inputOutput>
                          <camunda:inputParameter name="to">${applicantEmail}</camunda:inputParameter>
                          <camunda:inputParameter name="template">accepted</camunda:inputParameter>
                        </camunda:inputOutput>
                      </bpmn:extensionElements>
                    </bpmn:sendTask>
                    """
                )
            )
        );

        var send = def.Node<ServiceTask>("send");
        Assert.True(send.IsSendTask);
        Assert.Equal("sendTask", send.Kind);
        Assert.Equal("${applicantEmail}", send.Inputs["to"]);
        Assert.Equal("accepted", send.Inputs["template"]);
    }

    [Fact]
    public void Script_task_keeps_script_and_result_variable()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:scriptTask id="calc" scriptFormat="javascript" camunda:resultVariable="fee">
                      <bpmn:script>var base = 100; base * 2</bpmn:script>
                    </bpmn:scriptTask>
                    """
                )
            )
        );

        var script = def.Node<ScriptTask>("calc");
        Assert.Equal("var base = 100; base * 2", script.Script);
        Assert.Equal("fee", script.ResultVariable);
    }

    [Fact]
    public void Receive_task_resolves_message_name_and_correlation_key()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain("<bpmn:receiveTask id=\"wait\" messageRef=\"Msg\"/>"),
                outside: "<bpmn:message id=\"Msg\" name=\"materials-supplemented\" wf:correlationKey=\"${businessKey}\"/>"
            )
        );

        Assert.Equal(
            new MessageDefinition("materials-supplemented", "${businessKey}"),
            def.Node<ReceiveTask>("wait").Message
        );
    }

    [Fact]
    public void Sub_process_is_a_scope_whose_children_know_it()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:subProcess id="sub">
                      <bpmn:startEvent id="s2"/>
                      <bpmn:userTask id="inner" camunda:candidateGroups="g"/>
                      <bpmn:endEvent id="e2"/>
                      <bpmn:sequenceFlow id="i1" sourceRef="s2" targetRef="inner"/>
                      <bpmn:sequenceFlow id="i2" sourceRef="inner" targetRef="e2"/>
                    </bpmn:subProcess>
                    """
                )
            )
        );

        var sub = def.Node<SubProcess>("sub");
        Assert.Equal(["s2", "inner", "e2"], sub.ChildNodeIds);
        Assert.Equal("sub", def.Node("inner").ScopeId);
        Assert.Null(sub.ScopeId);
        Assert.Single(def.StartEvents("sub"));
        Assert.Single(def.StartEvents());
    }

    [Fact]
    public void Call_activity_reads_pinned_version_and_variable_mappings()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:callActivity id="call" calledElement="talent-recognition" camunda:calledElementBinding="version" camunda:calledElementVersion="3">
                      <bpmn:extensionElements>
                        <camunda:in source="applicant" target="applicant"/>
                        <camunda:in source="passportNo"/>
                        <camunda:out variables="all"/>
                      </bpmn:extensionElements>
                    </bpmn:callActivity>
                    """
                )
            )
        );

        var call = def.Node<CallActivity>("call");
        Assert.Equal("talent-recognition", call.CalledElement);
        Assert.Equal(3, call.PinnedVersion);
        Assert.Equal(["applicant", "passportNo"], call.InVariables!);
        Assert.Null(call.OutVariables);
    }

    [Fact]
    public void Call_activity_with_latest_binding_has_no_pinned_version()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    "<bpmn:callActivity id=\"call\" calledElement=\"child\" camunda:calledElementBinding=\"latest\"/>"
                )
            )
        );

        Assert.Null(def.Node<CallActivity>("call").PinnedVersion);
        Assert.Empty(def.Node<CallActivity>("call").InVariables!);
    }

    [Fact]
    public void Multi_instance_user_task_reads_collection_element_variable_and_completion()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:userTask id="countersign" camunda:candidateGroups="${bureau}">
                      <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${bureaus}" camunda:elementVariable="bureau">
                        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances >= 2}</bpmn:completionCondition>
                      </bpmn:multiInstanceLoopCharacteristics>
                    </bpmn:userTask>
                    """
                )
            )
        );

        var mi = def.Node<UserTask>("countersign").MultiInstance!;
        Assert.True(mi.IsSequential);
        Assert.Equal("${bureaus}", mi.Collection);
        Assert.Equal("bureau", mi.ElementVariable);
        Assert.Equal("${nrOfCompletedInstances >= 2}", mi.CompletionCondition);
    }

    [Fact]
    public void Multi_instance_sub_process_with_cardinality_is_parallel_by_default()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:subProcess id="sub">
                      <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
                      <bpmn:startEvent id="s2"/>
                      <bpmn:endEvent id="e2"/>
                      <bpmn:sequenceFlow id="i1" sourceRef="s2" targetRef="e2"/>
                    </bpmn:subProcess>
                    """
                )
            )
        );

        var mi = def.Node<SubProcess>("sub").MultiInstance!;
        Assert.False(mi.IsSequential);
        Assert.Equal("3", mi.Cardinality);
    }
}
