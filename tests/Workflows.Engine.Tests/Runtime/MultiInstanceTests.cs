// Specifications: parallel and sequential multi-instance user tasks (countersign by several bureaus).
using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

public sealed class MultiInstanceTests
{
    private static string Model(bool sequential, string? condition = null)
    {
        var isSequential = sequential ? "true" : "false";
        var completion = condition is null
            ? string.Empty
            : $"<bpmn:completionCondition>{condition}</bpmn:completionCondition>";
        const string group = "bureau:${bureau}/chief";
        const string collection = "${bureaus}";
        return $"""
            <bpmn:startEvent id="start" />
            <bpmn:userTask id="sign" camunda:candidateGroups="{group}">
              <bpmn:multiInstanceLoopCharacteristics isSequential="{isSequential}" camunda:collection="{collection}" camunda:elementVariable="bureau">
                {completion}
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            {Task("issue")}
            {Flow("f0", "start", "sign")}
            {Flow("f1", "sign", "issue")}
            {ToEnd("issue")}
            """;
    }

    private static JsonObject Bureaus(params string[] names) =>
        new() { ["bureaus"] = new JsonArray(names.Select(n => (JsonNode?)n).ToArray()) };

    [Fact]
    public void Parallel_multi_instance_creates_one_task_per_element_with_local_variables()
    {
        var run = ProcessRun.Start(
            Parse(Model(sequential: false)),
            Bureaus("police", "labour", "housing")
        );

        var tasks = run.Of<TaskCreated>().ToList();
        Assert.Equal(
            ["bureau:police/chief", "bureau:labour/chief", "bureau:housing/chief"],
            tasks.Select(t => t.CandidateGroups.Single())
        );
        Assert.Equal(
            [0, 1, 2],
            tasks.Select(t => t.LocalVariables!["loopCounter"]!.GetValue<int>())
        );
        Assert.Equal("labour", (string?)tasks[1].LocalVariables!["bureau"]);
    }

    [Fact]
    public void Parallel_multi_instance_completion_condition_cancels_the_remaining_tasks_and_continues()
    {
        var run = ProcessRun.Start(
            Parse(Model(sequential: false, "${nrOfCompletedInstances >= 2}")),
            Bureaus("police", "labour", "housing")
        );
        var ids = run.Of<TaskCreated>().Select(t => t.TaskId).ToList();

        run.Do(new CompleteTask(ids[2]));
        Assert.Empty(run.Of<TaskCancelled>());
        run.Do(new CompleteTask(ids[0]));

        Assert.Equal(ids[1], Assert.Single(run.Of<TaskCancelled>()).TaskId);
        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Empty(run.State.Scopes);
    }

    [Fact]
    public void Sequential_multi_instance_runs_the_elements_one_after_another_in_order()
    {
        var run = ProcessRun.Start(Parse(Model(sequential: true)), Bureaus("police", "labour"));
        Assert.Equal(
            "bureau:police/chief",
            Assert.Single(run.Of<TaskCreated>()).CandidateGroups.Single()
        );

        run.CompleteTask("sign");
        Assert.Equal(
            "bureau:labour/chief",
            Assert.Single(run.Of<TaskCreated>()).CandidateGroups.Single()
        );

        run.CompleteTask("sign");
        Assert.Equal(["issue"], run.OpenTasks());
    }

    [Fact]
    public void Multi_instance_over_an_empty_collection_completes_at_once()
    {
        var run = ProcessRun.Start(Parse(Model(sequential: false)), Bureaus());

        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Contains("sign", run.State.CompletedElementIds);
    }
}
