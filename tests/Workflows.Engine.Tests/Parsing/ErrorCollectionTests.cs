// The parser reports every problem at once, in line order, and survives any input.
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

public class ErrorCollectionTests
{
    [Fact]
    public void Every_error_of_a_file_is_reported_in_line_order()
    {
        var result = Bpmn.Parse(
            Bpmn.Process(
                """
                <bpmn:startEvent id="start"/>
                <bpmn:serviceTask id="svc"/>
                <bpmn:complexGateway id="cg"/>
                <bpmn:userTask id="orphan"/>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="svc"/>
                <bpmn:sequenceFlow id="f2" sourceRef="svc" targetRef="end"/>
                """
            )
        );

        Bpmn.HasError(result, "svc", "names no handler");
        Bpmn.HasError(result, "cg", "complexGateway is not supported");
        Bpmn.HasError(result, "orphan", "no incoming");
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ToList(), result.Errors);
    }

    [Fact]
    public void Depth_limit_is_configurable()
    {
        var xml = Bpmn.Process(
            Bpmn.Chain(
                "<bpmn:userTask id=\"t\"><bpmn:extensionElements><camunda:properties/></bpmn:extensionElements></bpmn:userTask>"
            )
        );

        Assert.True(Bpmn.Parse(xml).IsValid);
        Bpmn.HasError(
            Bpmn.Parse(xml, new ParseOptions { MaxDepth = 3 }),
            null,
            "nested more than 3"
        );
    }

    [Fact]
    public void Null_input_is_an_error_not_an_exception()
    {
        var result = BpmnParser.Parse(null!);

        Bpmn.HasError(result, null, "empty");
    }

    [Fact]
    public void Timer_start_event_inside_a_sub_process_is_rejected()
    {
        var result = Bpmn.Parse(
            Bpmn.Process(
                Bpmn.Chain(
                    """
                    <bpmn:subProcess id="sub">
                      <bpmn:startEvent id="s2"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
                      <bpmn:endEvent id="e2"/>
                      <bpmn:sequenceFlow id="i1" sourceRef="s2" targetRef="e2"/>
                    </bpmn:subProcess>
                    """
                )
            )
        );

        Bpmn.HasError(result, "s2", "not allowed on a startEvent inside a sub-process");
    }
}
