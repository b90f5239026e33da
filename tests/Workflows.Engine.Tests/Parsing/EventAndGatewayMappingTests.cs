// How events, gateways, flows and process-level settings are read.
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Parsing;

public class EventAndGatewayMappingTests
{
    private const string Messages = """
        <bpmn:message id="Msg_1" name="payment-received"/>
        <bpmn:error id="Err_1" name="Rejected" errorCode="REJECTED"/>
        """;

    [Fact]
    public void Process_reads_bilingual_name_case_sla_and_properties()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:extensionElements>
                  <camunda:properties><camunda:property name="materials" value="work-permit"/></camunda:properties>
                </bpmn:extensionElements>
                """ + Bpmn.Chain(),
                processAttributes: "name=\"外国人来华工作许可\" wf:nameEn=\"Foreign work permit\" wf:committedLimit=\"7WD\" wf:statutoryLimit=\"20WD\" wf:slaWarning=\"1WD\""
            )
        );

        Assert.Equal(new LocalizedName("外国人来华工作许可", "Foreign work permit"), def.Name);
        Assert.Equal("7WD", def.CaseSla!.Limit);
        Assert.Equal("20WD", def.CaseSla.StatutoryLimit);
        Assert.Equal(SlaClockKind.Case, def.CaseSla.Clock);
        Assert.Equal("work-permit", def.Properties["materials"]);
    }

    [Fact]
    public void Timer_and_message_start_events_are_read()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:startEvent id="daily"><bpmn:timerEventDefinition><bpmn:timeCycle>R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:startEvent id="paid" wf:correlationKey="${orderNo}"><bpmn:messageEventDefinition messageRef="Msg_1"/></bpmn:startEvent>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="daily" targetRef="end"/>
                <bpmn:sequenceFlow id="f2" sourceRef="paid" targetRef="end"/>
                """,
                Messages
            )
        );

        Assert.Equal(
            new TimerDefinition(null, null, "R/P1D"),
            def.Node<StartEvent>("daily").Trigger
        );
        Assert.Equal(
            new MessageDefinition("payment-received", "${orderNo}"),
            def.Node<StartEvent>("paid").Trigger
        );
    }

    [Fact]
    public void Terminate_and_error_end_events_are_read()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:parallelGateway id="fork"/>
                <bpmn:endEvent id="stop"><bpmn:terminateEventDefinition/></bpmn:endEvent>
                <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="Err_1"/></bpmn:endEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
                <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="stop"/>
                <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="fail"/>
                """,
                Messages
            )
        );

        Assert.IsType<TerminateDefinition>(def.Node<EndEvent>("stop").Result);
        Assert.Equal(
            new ErrorDefinition("REJECTED", "Rejected"),
            def.Node<EndEvent>("fail").Result
        );
    }

    [Fact]
    public void Boundary_events_attach_to_their_activity_with_interrupting_default()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:userTask id="review"/>
                <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="failed" attachedToRef="review"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="paid" attachedToRef="review"><bpmn:messageEventDefinition messageRef="Msg_1"/></bpmn:boundaryEvent>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
                <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="end"/>
                <bpmn:sequenceFlow id="f4" sourceRef="failed" targetRef="end"/>
                <bpmn:sequenceFlow id="f5" sourceRef="paid" targetRef="end"/>
                """,
                Messages
            )
        );

        var late = def.Node<BoundaryEvent>("late");
        Assert.Equal("review", late.AttachedToId);
        Assert.False(late.CancelActivity);
        Assert.Equal(new TimerDefinition("P3D", null, null), late.Trigger);
        Assert.True(def.Node<BoundaryEvent>("failed").CancelActivity);
        Assert.Equal(new ErrorDefinition(null), def.Node<BoundaryEvent>("failed").Trigger);
        Assert.Equal(["late", "failed", "paid"], def.Node<UserTask>("review").BoundaryEventIds);
    }

    [Fact]
    public void Event_based_gateway_races_a_message_catch_against_a_timer_catch()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:eventBasedGateway id="race"/>
                <bpmn:intermediateCatchEvent id="pay"><bpmn:messageEventDefinition messageRef="Msg_1"/></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>5WD</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="race"/>
                <bpmn:sequenceFlow id="f2" sourceRef="race" targetRef="pay"/>
                <bpmn:sequenceFlow id="f3" sourceRef="race" targetRef="timeout"/>
                <bpmn:sequenceFlow id="f4" sourceRef="pay" targetRef="end"/>
                <bpmn:sequenceFlow id="f5" sourceRef="timeout" targetRef="end"/>
                """,
                Messages
            )
        );

        Assert.Equal(GatewayKind.EventBased, def.Node<Gateway>("race").GatewayKind);
        Assert.Equal(
            new TimerDefinition("5WD", null, null),
            def.Node<IntermediateCatchEvent>("timeout").Trigger
        );
        Assert.Equal(
            "payment-received",
            ((MessageDefinition)def.Node<IntermediateCatchEvent>("pay").Trigger).MessageName
        );
    }

    [Theory]
    [InlineData("exclusiveGateway", GatewayKind.Exclusive)]
    [InlineData("inclusiveGateway", GatewayKind.Inclusive)]
    public void Conditional_gateway_reads_conditions_and_default_flow(
        string element,
        GatewayKind kind
    )
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                $$"""
                <bpmn:startEvent id="start"/>
                <bpmn:{{element}} id="gw" default="f3"/>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw"/>
                <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="end" name="通过" wf:nameEn="Approved"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${approved and score ge 60}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">amount &gt; 1000</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="end"/>
                """
            )
        );

        var gw = def.Node<Gateway>("gw");
        Assert.Equal(kind, gw.GatewayKind);
        Assert.Equal("f3", gw.DefaultFlowId);
        Assert.Equal("${approved and score ge 60}", def.Flows["f2"].Condition);
        Assert.Equal("amount > 1000", def.Flows["f4"].Condition);
        Assert.Equal("Approved", def.Flows["f2"].Name.En);
        Assert.Null(def.Flows["f3"].Condition);
    }

    [Fact]
    public void Parallel_fork_and_join_are_valid()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:parallelGateway id="fork"/>
                <bpmn:userTask id="a"/>
                <bpmn:userTask id="b"/>
                <bpmn:parallelGateway id="join"/>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
                <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a"/>
                <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
                <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join"/>
                <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join"/>
                <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end"/>
                """
            )
        );

        Assert.Equal(["f4", "f5"], def.Node("join").Incoming);
    }

    [Fact]
    public void Exclusive_choice_followed_by_a_parallel_fork_does_not_count_as_a_dead_join()
    {
        var result = Bpmn.Parse(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:exclusiveGateway id="x" default="toEnd"/>
                <bpmn:parallelGateway id="fork"/>
                <bpmn:userTask id="a"/>
                <bpmn:userTask id="b"/>
                <bpmn:parallelGateway id="join"/>
                <bpmn:endEvent id="end"/>
                <bpmn:endEvent id="end2"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x"/>
                <bpmn:sequenceFlow id="toFork" sourceRef="x" targetRef="fork"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="toEnd" sourceRef="x" targetRef="end2"/>
                <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="a"/>
                <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="b"/>
                <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join"/>
                <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join"/>
                <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end"/>
                """
            )
        );

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
