// Specifications: sequence flows and the exclusive, parallel and inclusive gateways.
using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

public sealed class SequenceAndGatewayTests
{
    [Fact]
    public void Linear_process_waits_on_the_user_task_and_completes_when_it_is_done()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            {Task(
                "review",
                "camunda:assignee=\"${clerk}\" camunda:dueDate=\"3WD\" camunda:priority=\"70\" camunda:formKey=\"review.form\""
            )}
            <bpmn:endEvent id="end" />
            {Flow("f1", "start", "review")}
            {Flow("f2", "review", "end")}
            """
        );

        var run = ProcessRun.Start(definition, new JsonObject { ["clerk"] = "li.wei" });

        var created = Assert.Single(run.Of<TaskCreated>());
        Assert.Equal("review", created.ElementId);
        Assert.Equal("li.wei", created.Assignee);
        Assert.Equal(["bureau:test/clerk"], created.CandidateGroups);
        Assert.Equal(ProcessRun.T0.AddDays(3), created.DueAt);
        Assert.Equal(70, created.Priority);
        Assert.Equal("review.form", created.FormKey);
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Equal(1, run.State.Version);
        Assert.StartsWith($"{ProcessRun.InstanceId:N}-", created.TaskId);

        run.CompleteTask("review", new JsonObject { ["approved"] = true });

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        var completed = Assert.Single(run.Of<InstanceCompleted>());
        Assert.True(completed.Variables["approved"]!.GetValue<bool>());
        Assert.Equal(["start", "review", "end"], run.State.CompletedElementIds);
        Assert.Empty(run.State.Tokens);
        Assert.Equal(2, run.State.Version);
        Assert.Contains(
            run.Last.Journal,
            j => j is { ElementId: "review", Event: "completed" } && j.At == ProcessRun.T0
        );
    }

    private static string ExclusiveModel() =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:exclusiveGateway id="route" default="toOther" />
            {Task("fast")}
            {Task("normal")}
            {Task("other")}
            {Flow("f0", "start", "route")}
            {Flow("toFast", "route", "fast", "${category == 'A'}")}
            {Flow("toNormal", "route", "normal", "${category == 'B' || category == 'A'}")}
            {Flow("toOther", "route", "other")}
            {ToEnd("fast", "normal", "other")}
            """;

    [Theory]
    [InlineData("A", "fast")]
    [InlineData("B", "normal")]
    [InlineData("C", "other")]
    public void Exclusive_gateway_takes_the_first_flow_whose_condition_holds_else_the_default(
        string category,
        string expectedTask
    )
    {
        var run = ProcessRun.Start(
            Parse(ExclusiveModel()),
            new JsonObject { ["category"] = category }
        );

        Assert.Equal([expectedTask], run.OpenTasks());
    }

    [Fact]
    public void Exclusive_gateway_without_a_matching_flow_or_default_raises_an_incident_and_keeps_the_token()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:exclusiveGateway id="route" />
            {Task("fast")}
            {Flow("f0", "start", "route")}
            {Flow("toFast", "route", "fast", "${category == 'A'}")}
            {ToEnd("fast")}
            """
        );

        var run = ProcessRun.Start(definition, new JsonObject { ["category"] = "Z" });

        Assert.Equal(InstanceStatus.Incident, run.State.Status);
        var incident = Assert.Single(run.Of<IncidentRaised>());
        Assert.Equal("route", incident.ElementId);
        Assert.Contains("No outgoing flow of gateway 'route' matched", incident.Message);
        Assert.Equal("route", Assert.Single(run.State.Tokens).ElementId);
    }

    [Fact]
    public void Parallel_join_waits_for_every_branch()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            {Task("police")}
            {Task("labour")}
            <bpmn:parallelGateway id="join" />
            {Task("issue")}
            {Flow("f0", "start", "fork")}
            {Flow("f1", "fork", "police")}
            {Flow("f2", "fork", "labour")}
            {Flow("f3", "police", "join")}
            {Flow("f4", "labour", "join")}
            {Flow("f5", "join", "issue")}
            {ToEnd("issue")}
            """
        );

        var run = ProcessRun.Start(definition);
        Assert.Equal(["labour", "police"], run.OpenTasks());

        run.CompleteTask("police");
        Assert.Equal(["labour"], run.OpenTasks());
        Assert.Empty(run.Of<TaskCreated>());
        Assert.Contains(run.State.Tokens, t => t.ElementId == "join");

        run.CompleteTask("labour");
        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Single(run.State.Tokens);
    }

    private static string InclusiveModel() =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:inclusiveGateway id="split" />
            {Task("a")}
            {Task("b")}
            {Task("c")}
            <bpmn:inclusiveGateway id="merge" />
            {Task("after")}
            {Flow("f0", "start", "split")}
            {Flow("toA", "split", "a", "${needA}")}
            {Flow("toB", "split", "b", "${needB}")}
            {Flow("toC", "split", "c", "${needC}")}
            {Flow("fromA", "a", "merge")}
            {Flow("fromB", "b", "merge")}
            {Flow("fromC", "c", "merge")}
            {Flow("f9", "merge", "after")}
            {ToEnd("after")}
            """;

    [Fact]
    public void Inclusive_join_with_one_branch_of_three_taken_fires_when_that_branch_arrives()
    {
        var run = ProcessRun.Start(
            Parse(InclusiveModel()),
            new JsonObject
            {
                ["needA"] = false,
                ["needB"] = true,
                ["needC"] = false,
            }
        );
        Assert.Equal(["b"], run.OpenTasks());

        run.CompleteTask("b");

        Assert.Equal(["after"], run.OpenTasks());
    }

    [Fact]
    public void Inclusive_join_with_two_branches_of_three_taken_waits_for_both_and_fires_once()
    {
        var run = ProcessRun.Start(
            Parse(InclusiveModel()),
            new JsonObject
            {
                ["needA"] = true,
                ["needB"] = false,
                ["needC"] = true,
            }
        );
        Assert.Equal(["a", "c"], run.OpenTasks());

        run.CompleteTask("c");
        Assert.Equal(["a"], run.OpenTasks());

        run.CompleteTask("a");
        Assert.Equal(["after"], run.OpenTasks());
        Assert.Single(run.State.Tokens);
    }
}
