// The BPMN models measured: small, but shaped like real procedures (candidate groups, working-day due dates).
using System.Text;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>BPMN 2.0 documents for the benchmark scenarios.</summary>
public static class Models
{
    /// <summary>start → task1 … taskN → end, each task a user task due in 5 working days.</summary>
    public static string Sequence(int tasks)
    {
        var body = new StringBuilder("""<bpmn:startEvent id="start" />""");
        var previous = "start";
        for (var i = 1; i <= tasks; i++)
        {
            body.Append(UserTask($"task{i}")).Append(Flow($"f{i}", previous, $"task{i}"));
            previous = $"task{i}";
        }

        body.Append("""<bpmn:endEvent id="end" />""").Append(Flow("fEnd", previous, "end"));
        return Document(body.ToString());
    }

    /// <summary>start → script1 … scriptN → end: pass-through steps that never wait, so one command runs them all.</summary>
    public static string ScriptSequence(int scripts)
    {
        var body = new StringBuilder("""<bpmn:startEvent id="start" />""");
        var previous = "start";
        for (var i = 1; i <= scripts; i++)
        {
            body.Append(
                    $"""<bpmn:scriptTask id="script{i}" scriptFormat="javascript"><bpmn:script>counter = counter + 1;</bpmn:script></bpmn:scriptTask>"""
                )
                .Append(Flow($"f{i}", previous, $"script{i}"));
            previous = $"script{i}";
        }

        body.Append("""<bpmn:endEvent id="end" />""").Append(Flow("fEnd", previous, "end"));
        return Document(body.ToString());
    }

    /// <summary>start → parallel fork → N user tasks → parallel join → end.</summary>
    public static string ParallelForkJoin(int branches)
    {
        var body = new StringBuilder(
            """<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />"""
        );
        body.Append(Flow("f0", "start", "fork")).Append(Flow("fEnd", "join", "end"));
        for (var i = 1; i <= branches; i++)
        {
            body.Append(UserTask($"branch{i}"))
                .Append(Flow($"in{i}", "fork", $"branch{i}"))
                .Append(Flow($"out{i}", $"branch{i}", "join"));
        }

        return Document(body.ToString());
    }

    /// <summary>start → exclusive gateway: <c>${amount > 100}</c> to seniorReview, default to clerkReview → end.</summary>
    public static string ExclusiveDecision() =>
        Document(
            """<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="decide" default="small" />"""
                + UserTask("seniorReview")
                + UserTask("clerkReview")
                + """<bpmn:endEvent id="seniorEnd" /><bpmn:endEvent id="clerkEnd" />"""
                + Flow("f0", "start", "decide")
                + Flow("large", "decide", "seniorReview", "${amount > 100}")
                + Flow("small", "decide", "clerkReview")
                + Flow("f1", "seniorReview", "seniorEnd")
                + Flow("f2", "clerkReview", "clerkEnd")
        );

    private static string UserTask(string id) =>
        $"""<bpmn:userTask id="{id}" name="{id}" camunda:candidateGroups="bureau:exit-entry/reviewer" camunda:dueDate="5WD" />""";

    private static string Flow(string id, string from, string to, string? condition = null) =>
        condition is null
            ? $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}" />"""
            : $"""<bpmn:sequenceFlow id="{id}" sourceRef="{from}" targetRef="{to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">{System.Security.SecurityElement.Escape(condition)}</bpmn:conditionExpression></bpmn:sequenceFlow>""";

    private static string Document(string body) =>
        $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                              xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                              id="defs" targetNamespace="http://workflows.city/bench">
              <bpmn:process id="bench" isExecutable="true">{body}</bpmn:process>
            </bpmn:definitions>
            """;
}
