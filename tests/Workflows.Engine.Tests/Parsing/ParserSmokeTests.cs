// The smallest valid processes and the most common mistakes: the parser's first line of defence.
using Workflows.Engine.Model;

namespace Workflows.Engine.Tests.Parsing;

public class ParserSmokeTests
{
    [Fact]
    public void Start_task_end_parses_into_nodes_flows_and_derived_connections()
    {
        var def = Bpmn.Valid(
            Bpmn.Process(
                Bpmn.Chain("<bpmn:userTask id=\"review\" name=\"审核\" wf:nameEn=\"Review\"/>")
            )
        );

        Assert.Equal("p", def.Key);
        var task = def.Node<UserTask>("review");
        Assert.Equal("审核", task.Name.Zh);
        Assert.Equal("Review", task.Name.En);
        Assert.Equal(["f1"], task.Incoming);
        Assert.Equal(["f2"], task.Outgoing);
        Assert.Equal(2, def.Flows.Count);
        Assert.True(task.Line > 1);
    }

    [Fact]
    public void Flow_to_a_missing_node_is_reported_with_its_id()
    {
        var xml = Bpmn.Process(
            """
            <bpmn:startEvent id="start"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="nowhere"/>
            """
        );

        var result = Bpmn.Parse(xml);

        Bpmn.HasError(result, "f1", "does not exist");
        Bpmn.HasError(result, "end", "no incoming");
        Assert.Null(result.Definition);
    }
}
