// Specifications: terminate, cancel, state snapshots, command validation, case clock effects and the loop guard.
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

public sealed class LifecycleTests
{
    private static string ParallelModel(string endOfFirst) =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:parallelGateway id="fork" />
            {Task("police")}
            {Task("labour")}
            {Task("housing")}
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            {endOfFirst}
            {Flow("f0", "start", "fork")}
            {Flow("f1", "fork", "police")}
            {Flow("f2", "fork", "labour")}
            {Flow("f3", "fork", "housing")}
            {Flow("f4", "fork", "wait")}
            {Flow("f5", "police", "kill")}
            {ToEnd("labour", "housing", "wait")}
            """;

    [Fact]
    public void Terminate_end_event_cancels_every_other_task_and_timer_and_terminates_the_instance()
    {
        var run = ProcessRun.Start(
            Parse(
                ParallelModel(
                    """<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>"""
                )
            )
        );
        var timer = Assert.Single(run.Of<TimerScheduled>());

        run.CompleteTask("police");

        Assert.Equal(2, run.Of<TaskCancelled>().Count());
        Assert.Equal(new TimerCancelled(timer.TimerId), Assert.Single(run.Of<TimerCancelled>()));
        Assert.Equal(InstanceStatus.Terminated, run.State.Status);
        Assert.Null(Assert.Single(run.Of<InstanceTerminated>()).ErrorCode);
        Assert.Empty(run.State.Tokens);
        Assert.Empty(run.State.Bookmarks);
        Assert.IsType<InstanceTerminated>(run.Effects[^1]);
    }

    [Fact]
    public void Cancel_instance_closes_every_wait_state_and_terminates()
    {
        var run = ProcessRun.Start(Parse(ParallelModel("""<bpmn:endEvent id="kill" />""")));

        run.Do(new CancelInstance("withdrawn by applicant"));

        Assert.Equal(3, run.Of<TaskCancelled>().Count());
        Assert.Single(run.Of<TimerCancelled>());
        Assert.Equal(new InstanceTerminated("withdrawn by applicant", null), run.Effects[^1]);
        Assert.Equal(InstanceStatus.Terminated, run.State.Status);
        var ex = Assert.Throws<InvalidCommandException>(() => run.Do(new CancelInstance("again")));
        Assert.False(ex.NotFound);
    }

    [Fact]
    public void State_survives_a_json_round_trip_mid_process_and_execution_continues()
    {
        var run = ProcessRun.Start(
            Parse(ParallelModel("""<bpmn:endEvent id="kill" />""")),
            new JsonObject { ["applicant"] = "Ana" }
        );
        run.CompleteTask("police");

        var json = JsonSerializer.Serialize(run.State);
        var reloaded = JsonSerializer.Deserialize<InstanceState>(json)!;
        var result = run.Interpreter.Execute(
            run.Definition,
            reloaded,
            new CompleteTask(run.TaskId("labour"))
        );

        Assert.Equal(
            ["housing"],
            result
                .State.Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask)
                .Select(b => b.ElementId)
        );
        Assert.Equal("Ana", (string?)result.State.Variables["applicant"]);
        Assert.Equal(run.State.Version + 1, result.State.Version);
    }

    [Fact]
    public void The_input_state_is_never_mutated()
    {
        var run = ProcessRun.Start(Parse(ParallelModel("""<bpmn:endEvent id="kill" />""")));
        var before = JsonSerializer.Serialize(run.State);
        var input = run.State;

        run.CompleteTask("police", new JsonObject { ["x"] = 1 });

        Assert.Equal(before, JsonSerializer.Serialize(input));
        Assert.NotSame(input, run.State);
    }

    [Fact]
    public void In_place_execution_works_on_the_given_state_and_yields_what_a_copy_would()
    {
        var run = ProcessRun.Start(
            Parse(ParallelModel("""<bpmn:endEvent id="kill" />""")),
            new JsonObject { ["applicant"] = "Ana" }
        );
        run.CompleteTask("police");
        var json = JsonSerializer.Serialize(run.State);
        var command = new CompleteTask(
            run.TaskId("labour"),
            new JsonObject { ["approved"] = true }
        );

        var copied = run.Interpreter.Execute(
            run.Definition,
            JsonSerializer.Deserialize<InstanceState>(json)!,
            command
        );
        var owned = JsonSerializer.Deserialize<InstanceState>(json)!;
        var inPlace = run.Interpreter.ExecuteInPlace(run.Definition, owned, command);

        Assert.Same(owned, inPlace.State);
        Assert.Equal(
            JsonSerializer.Serialize(copied.State),
            JsonSerializer.Serialize(inPlace.State)
        );
        Assert.Equal(
            copied.Effects.Select(e => e.ToString()),
            inPlace.Effects.Select(e => e.ToString())
        );
        Assert.True((bool)inPlace.State.Variables["approved"]!);
        // A command that does not fit throws before the state changes.
        var before = JsonSerializer.Serialize(owned);
        Assert.True(
            Assert
                .Throws<InvalidCommandException>(() =>
                    run.Interpreter.ExecuteInPlace(
                        run.Definition,
                        owned,
                        new CompleteTask("no-such-task")
                    )
                )
                .NotFound
        );
        Assert.Equal(before, JsonSerializer.Serialize(owned));
    }

    [Fact]
    public void Commands_for_unknown_wait_states_are_not_found()
    {
        var run = ProcessRun.Start(Parse(ParallelModel("""<bpmn:endEvent id="kill" />""")));

        Assert.True(
            Assert
                .Throws<InvalidCommandException>(() => run.Do(new CompleteTask("no-such-task")))
                .NotFound
        );
        var timerId = run.BookmarkId(BookmarkKind.Timer, "wait");
        Assert.True(
            Assert.Throws<InvalidCommandException>(() => run.Do(new CompleteTask(timerId))).NotFound
        );
        Assert.Throws<InvalidCommandException>(() => run.Do(new StartInstance(Guid.NewGuid(), 1)));
    }

    [Fact]
    public void Case_clock_attributes_emit_clock_effects_and_a_pause_resumes_when_the_token_leaves()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            {Task("accept", "wf:caseClock=\"start\"")}
            <bpmn:userTask id="notice" name="Public notice" camunda:candidateGroups="bureau:test/clerk" wf:caseClock="pause" />
            {Task("decide", "wf:caseClock=\"stop\"")}
            {Flow("f0", "start", "accept")}
            {Flow("f1", "accept", "notice")}
            {Flow("f2", "notice", "decide")}
            {ToEnd("decide")}
            """
        );
        var run = ProcessRun.Start(definition);
        Assert.Equal(
            new CaseClockChanged(CaseClockAction.Start, "accept", "accept"),
            Assert.Single(run.Of<CaseClockChanged>())
        );

        run.CompleteTask("accept");
        Assert.Equal(
            new CaseClockChanged(CaseClockAction.Pause, "notice", "Public notice"),
            Assert.Single(run.Of<CaseClockChanged>())
        );

        run.CompleteTask("notice");
        Assert.Equal(
            [
                new CaseClockChanged(CaseClockAction.Resume, "notice", "Public notice"),
                new CaseClockChanged(CaseClockAction.Stop, "decide", "decide"),
            ],
            run.Of<CaseClockChanged>()
        );
    }

    [Fact]
    public void A_loop_without_a_wait_state_stops_on_an_incident_after_the_step_limit()
    {
        var definition = Parse(
            $"""
            <bpmn:startEvent id="start" />
            <bpmn:scriptTask id="count" scriptFormat="javascript"><bpmn:script>var n = (typeof n === 'undefined' ? 0 : n) + 1;</bpmn:script></bpmn:scriptTask>
            <bpmn:exclusiveGateway id="again" default="back" />
            <bpmn:endEvent id="end" />
            {Flow("f0", "start", "count")}
            {Flow("f1", "count", "again")}
            {Flow("back", "again", "count")}
            {Flow("out", "again", "end", "${n > 1000000}")}
            """
        );

        var run = ProcessRun.Start(definition, maxSteps: 50);

        Assert.Equal(InstanceStatus.Incident, run.State.Status);
        Assert.Contains("More than 50 steps", Assert.Single(run.Of<IncidentRaised>()).Message);
        Assert.Single(run.State.Tokens);
    }
}
