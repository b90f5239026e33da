// Specifications: service, script and call activities, and BPMN errors thrown by tasks and error end events.
using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

public sealed class ActivityAndErrorTests
{
    private const string Errors = """
        <bpmn:error id="errRejected" errorCode="rejected" />
        <bpmn:error id="errMissing" errorCode="materials-missing" />
        """;

    [Fact]
    public void ThrowTaskError_is_caught_by_the_error_boundary_of_the_task()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            {Task("review")}
            <bpmn:boundaryEvent id="rejected" attachedToRef="review"><bpmn:errorEventDefinition errorRef="errRejected" /></bpmn:boundaryEvent>
            {Task("notifyRefusal")}
            {Flow("f0", "start", "review")}
            {Flow("f1", "rejected", "notifyRefusal")}
            {ToEnd("review", "notifyRefusal")}
            """,
            Errors
        );
        var run = ProcessRun.Start(definition);

        run.Do(
            new ThrowTaskError(
                run.TaskId("review"),
                "rejected",
                new JsonObject { ["reason"] = "forged degree" }
            )
        );

        Assert.Equal(["notifyRefusal"], run.OpenTasks());
        Assert.Equal("forged degree", (string?)run.State.Variables["reason"]);
        Assert.Empty(run.Of<TaskCancelled>());
    }

    [Fact]
    public void Uncaught_task_error_terminates_the_instance_with_the_error_code()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            {Task("review")}
            {Flow("f0", "start", "review")}
            {ToEnd("review")}
            """
        );
        var run = ProcessRun.Start(definition);

        run.Do(new ThrowTaskError(run.TaskId("review"), "rejected"));

        Assert.Equal(InstanceStatus.Terminated, run.State.Status);
        Assert.Equal("rejected", Assert.Single(run.Of<InstanceTerminated>()).ErrorCode);
        Assert.Empty(run.Of<IncidentRaised>());
    }

    [Fact]
    public void Error_end_event_inside_a_sub_process_is_caught_by_its_boundary_and_cancels_the_sub_process()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="check">
              <bpmn:startEvent id="checkStart" />
              <bpmn:parallelGateway id="fork" />
              {Task("police")}
              <bpmn:exclusiveGateway id="complete" default="ok" />
              <bpmn:endEvent id="missing"><bpmn:errorEventDefinition errorRef="errMissing" /></bpmn:endEvent>
              <bpmn:endEvent id="checkEnd" />
              {Task("labour")}
              <bpmn:endEvent id="labourEnd" />
              {Flow("s0", "checkStart", "fork")}
              {Flow("s1", "fork", "police")}
              {Flow("s2", "fork", "labour")}
              {Flow("s3", "police", "complete")}
              {Flow("bad", "complete", "missing", "${!complete}")}
              {Flow("ok", "complete", "checkEnd")}
              {Flow("s4", "labour", "labourEnd")}
            </bpmn:subProcess>
            <bpmn:boundaryEvent id="onMissing" attachedToRef="check"><bpmn:errorEventDefinition errorRef="errMissing" /></bpmn:boundaryEvent>
            {Task("supplement")}
            {Flow("f0", "start", "check")}
            {Flow("f1", "onMissing", "supplement")}
            {ToEnd("check", "supplement")}
            """,
            Errors
        );
        var run = ProcessRun.Start(definition);
        var labourTask = run.TaskId("labour");

        run.CompleteTask("police", new JsonObject { ["complete"] = false });

        Assert.Equal(labourTask, Assert.Single(run.Of<TaskCancelled>()).TaskId);
        Assert.Equal(["supplement"], run.OpenTasks());
        Assert.Empty(run.State.Scopes);
        Assert.DoesNotContain("check", run.State.CompletedElementIds);
    }

    [Fact]
    public void Sub_process_completes_when_its_last_inner_token_ends()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:subProcess id="check">
              <bpmn:startEvent id="checkStart" />
              {Task("police")}
              <bpmn:endEvent id="checkEnd" />
              {Flow("s0", "checkStart", "police")}
              {Flow("s1", "police", "checkEnd")}
            </bpmn:subProcess>
            {Task("issue")}
            {Flow("f0", "start", "check")}
            {Flow("f1", "check", "issue")}
            {ToEnd("issue")}
            """
        );
        var run = ProcessRun.Start(definition);
        Assert.Single(run.State.Scopes);

        run.CompleteTask("police");

        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Empty(run.State.Scopes);
        Assert.Contains("check", run.State.CompletedElementIds);
    }

    private static string ServiceModel() =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="verify" camunda:type="passport-check">
              <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="passport">{"${passportNo}"}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
            </bpmn:serviceTask>
            <bpmn:boundaryEvent id="invalid" attachedToRef="verify"><bpmn:errorEventDefinition errorRef="errRejected" /></bpmn:boundaryEvent>
            {Task("issue")}
            {Task("refuse")}
            {Flow("f0", "start", "verify")}
            {Flow("f1", "verify", "issue")}
            {Flow("f2", "invalid", "refuse")}
            {ToEnd("issue", "refuse")}
            """;

    [Fact]
    public void Service_task_requests_the_handler_with_evaluated_inputs_and_continues_on_success()
    {
        var run = ProcessRun.Start(
            Parse(ServiceModel(), Errors),
            new JsonObject { ["passportNo"] = "E1234567", ["other"] = 1 }
        );
        var request = Assert.Single(run.Of<ServiceInvocationRequested>());
        Assert.Equal("passport-check", request.Handler);
        Assert.Equal("""{"passport":"E1234567"}""", request.Input.ToJsonString());

        run.Do(
            new CompleteService(request.InvocationId, new JsonObject { ["passportValid"] = true })
        );

        Assert.Equal(["issue"], run.OpenTasks());
        Assert.True(run.State.Variables["passportValid"]!.GetValue<bool>());
    }

    [Fact]
    public void Service_task_error_code_is_caught_by_its_error_boundary()
    {
        var run = ProcessRun.Start(
            Parse(ServiceModel(), Errors),
            new JsonObject { ["passportNo"] = "E1234567" }
        );

        run.Do(
            new CompleteService(
                run.BookmarkId(BookmarkKind.Service, "verify"),
                ErrorCode: "rejected"
            )
        );

        Assert.Equal(["refuse"], run.OpenTasks());
    }

    private static string ScriptModel(string script) =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="score" scriptFormat="javascript" camunda:resultVariable="total"><bpmn:script>{script}</bpmn:script></bpmn:scriptTask>
            {Task("review")}
            {Flow("f0", "start", "score")}
            {Flow("f1", "score", "review")}
            {ToEnd("review")}
            """;

    [Fact]
    public void Script_task_writes_variables_and_its_result_variable()
    {
        var run = ProcessRun.Start(
            Parse(ScriptModel("var level = points >= 85 ? 'A' : 'B'; points * 2")),
            new JsonObject { ["points"] = 90 }
        );

        Assert.Equal("A", (string?)run.State.Variables["level"]);
        Assert.Equal("180", run.State.Variables["total"]!.ToJsonString());
        Assert.Equal(["review"], run.OpenTasks());
    }

    [Fact]
    public void Script_error_raises_an_incident_on_the_script_task_and_RetryIncident_runs_it_again()
    {
        var run = ProcessRun.Start(
            Parse(
                ScriptModel(
                    "if (typeof points === 'undefined') { throw new Error('points missing'); } var level = 'A'"
                )
            )
        );

        Assert.Equal(InstanceStatus.Incident, run.State.Status);
        Assert.Equal("score", Assert.Single(run.Of<IncidentRaised>()).ElementId);
        Assert.Equal("score", Assert.Single(run.State.Tokens).ElementId);
        Assert.Throws<InvalidCommandException>(() => run.Do(new CompleteTask("nope")));

        run.Do(new RetryIncident());
        Assert.Equal(InstanceStatus.Incident, run.State.Status);
        Assert.Single(run.Of<IncidentRaised>());

        // The operator fixes the data the script needs; the host stores it in the state before retrying.
        run.State.Variables["points"] = 90;
        run.Do(new RetryIncident());
        Assert.Equal(InstanceStatus.Running, run.State.Status);
        Assert.Null(run.State.Incident);
        Assert.Equal(["review"], run.OpenTasks());
    }

    [Fact]
    public void Call_activity_requests_a_child_with_mapped_variables_and_waits_for_it()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:callActivity id="permit" calledElement="work-permit">
              <bpmn:extensionElements>
                <camunda:in source="passportNo" target="passportNo" />
                <camunda:out source="permitNo" target="permitNo" />
              </bpmn:extensionElements>
            </bpmn:callActivity>
            {Task("issue")}
            {Flow("f0", "start", "permit")}
            {Flow("f1", "permit", "issue")}
            {ToEnd("issue")}
            """
        );
        var run = ProcessRun.Start(
            definition,
            new JsonObject { ["passportNo"] = "E1", ["secret"] = "x" }
        );
        var child = Assert.Single(run.Of<ChildInstanceRequested>());
        Assert.Equal("work-permit", child.DefinitionKey);
        Assert.Equal("""{"passportNo":"E1"}""", child.Variables.ToJsonString());
        Assert.NotEqual(Guid.Empty, child.ChildInstanceId);
        Assert.Empty(run.OpenTasks());

        run.Do(
            new CompleteChild(
                child.ChildBookmarkId,
                new JsonObject { ["permitNo"] = "WP-9", ["internal"] = 1 }
            )
        );

        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Equal("WP-9", (string?)run.State.Variables["permitNo"]);
        Assert.False(run.State.Variables.ContainsKey("internal"));
    }
}
