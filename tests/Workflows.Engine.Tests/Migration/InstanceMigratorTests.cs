// Specifications of instance migration: the proposed mapping, refusals, and a migrated instance finishing on the new version.
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.Migration;
using Workflows.Engine.Tests.Runtime;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Migration;

public sealed class InstanceMigratorTests
{
    // v1: start → review → approve → end.
    private static readonly ProcessDefinition V1 = Bpmn.Parse(
        """<bpmn:startEvent id="start" />"""
            + Bpmn.Task("review")
            + Bpmn.Task("approve")
            + """<bpmn:endEvent id="end" />"""
            + Bpmn.Flow("f1", "start", "review")
            + Bpmn.Flow("f2", "review", "approve")
            + Bpmn.Flow("f3", "approve", "end")
    );

    // v2: review is kept, approve becomes approve2 and a final check is added.
    private static readonly ProcessDefinition V2 = Bpmn.Parse(
        """<bpmn:startEvent id="start" />"""
            + Bpmn.Task("review")
            + Bpmn.Task("approve2")
            + Bpmn.Task("check")
            + """<bpmn:endEvent id="end" />"""
            + Bpmn.Flow("f1", "start", "review")
            + Bpmn.Flow("f2", "review", "approve2")
            + Bpmn.Flow("f3", "approve2", "check")
            + Bpmn.Flow("f4", "check", "end")
    );

    [Fact]
    public void Plan_maps_wait_states_kept_by_id_and_lists_the_removed_ones_as_unmapped()
    {
        var plan = InstanceMigrator.Plan(V1, V2);

        Assert.Equal("review", plan.Mapping["review"]);
        Assert.False(plan.Mapping.ContainsKey("approve"));
        Assert.Equal(["approve"], plan.Unmapped);
        Assert.Contains(
            plan.TargetWaitStates,
            w => w.ElementId == "approve2" && w.Kind == "userTask"
        );
        Assert.DoesNotContain(plan.TargetWaitStates, w => w.ElementId == "start");
    }

    [Fact]
    public void Token_on_an_unmapped_element_is_refused()
    {
        var run = ProcessRun.Start(V1).CompleteTask("review");

        var outcome = InstanceMigrator.Validate(
            run.State,
            V1,
            V2,
            InstanceMigrator.Plan(V1, V2).Mapping
        );

        Assert.False(outcome.CanMigrate);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("approve", problem.ElementId);
        Assert.Contains("no target", problem.Message);
    }

    [Fact]
    public void Mapping_to_a_missing_or_different_kind_element_is_refused()
    {
        var run = ProcessRun.Start(V1).CompleteTask("review");

        var missing = InstanceMigrator.Validate(
            run.State,
            V1,
            V2,
            new Dictionary<string, string> { ["approve"] = "nowhere" }
        );
        var wrongKind = InstanceMigrator.Validate(
            run.State,
            V1,
            V2,
            new Dictionary<string, string> { ["approve"] = "end" }
        );

        Assert.Contains("does not exist", Assert.Single(missing.Problems).Message);
        Assert.Contains("endEvent", Assert.Single(wrongKind.Problems).Message);
    }

    [Fact]
    public void Ended_instances_do_not_migrate()
    {
        var run = ProcessRun.Start(V1).CompleteTask("review").CompleteTask("approve");

        var outcome = InstanceMigrator.Validate(
            run.State,
            V1,
            V2,
            new Dictionary<string, string> { ["approve"] = "approve2" }
        );

        Assert.Equal(InstanceStatus.Completed, run.State.Status);
        Assert.False(outcome.CanMigrate);
    }

    [Fact]
    public void Apply_repoints_tokens_and_bookmarks_keeps_bookmark_ids_and_does_not_touch_the_input()
    {
        var run = ProcessRun.Start(V1).CompleteTask("review");
        var taskId = run.TaskId("approve");

        var outcome = InstanceMigrator.Apply(
            run.State,
            V1,
            V2,
            2,
            new Dictionary<string, string> { ["approve"] = "approve2" }
        );

        Assert.True(outcome.CanMigrate);
        var state = outcome.State!;
        Assert.Equal(2, state.DefinitionVersion);
        Assert.Equal(["approve2"], state.ActiveElementIds);
        Assert.Equal(taskId, Assert.Single(state.Bookmarks).Id);
        Assert.Equal(
            new ElementMove(taskId, BookmarkKind.UserTask, "approve", "approve2"),
            Assert.Single(outcome.Moves)
        );
        Assert.Equal(["approve"], run.State.ActiveElementIds);
        Assert.Equal(1, run.State.DefinitionVersion);
    }

    [Fact]
    public void Migrated_instance_completes_on_the_new_version_without_repeating_the_completed_task()
    {
        var run = ProcessRun.Start(V1).CompleteTask("review");
        var migrated = InstanceMigrator
            .Apply(
                run.State,
                V1,
                V2,
                2,
                new Dictionary<string, string> { ["approve"] = "approve2" }
            )
            .State!;
        var interpreter = new WorkflowInterpreter(
            new JintExpressionEvaluator(
                new ExpressionOptions { Timeout = TimeSpan.FromSeconds(30) }
            ),
            new DayCalendar(),
            new FixedTimeProvider(ProcessRun.T0)
        );

        var afterApprove = interpreter.Execute(
            V2,
            migrated,
            new CompleteTask(migrated.Bookmarks.Single().Id)
        );
        var check = Assert.Single(afterApprove.State.Bookmarks);
        var done = interpreter.Execute(V2, afterApprove.State, new CompleteTask(check.Id));

        Assert.Equal("check", check.ElementId);
        Assert.Equal(InstanceStatus.Completed, done.State.Status);
        Assert.Single(done.State.CompletedElementIds, id => id == "review");
        Assert.Contains("approve2", done.State.CompletedElementIds);
    }

    [Fact]
    public void Boundary_timer_must_stay_attached_to_the_mapped_activity()
    {
        var withTimer = Bpmn.Parse(
            """<bpmn:startEvent id="start" />"""
                + Bpmn.Task("review")
                + Bpmn.Task("other")
                + """<bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"""
                + """<bpmn:endEvent id="end" />"""
                + Bpmn.Flow("f1", "start", "review")
                + Bpmn.Flow("f2", "review", "end")
                + Bpmn.Flow("f3", "late", "end")
                + Bpmn.Flow("f0", "start", "other")
                + Bpmn.Flow("f4", "other", "end")
        );
        var moved = Bpmn.Parse(
            """<bpmn:startEvent id="start" />"""
                + Bpmn.Task("review")
                + Bpmn.Task("other")
                + """<bpmn:boundaryEvent id="late" attachedToRef="other"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>"""
                + """<bpmn:endEvent id="end" />"""
                + Bpmn.Flow("f1", "start", "review")
                + Bpmn.Flow("f2", "review", "end")
                + Bpmn.Flow("f3", "late", "end")
                + Bpmn.Flow("f0", "start", "other")
                + Bpmn.Flow("f4", "other", "end")
        );
        var run = ProcessRun.Start(withTimer);

        var outcome = InstanceMigrator.Validate(
            run.State,
            withTimer,
            moved,
            InstanceMigrator.Plan(withTimer, moved).Mapping
        );

        Assert.Contains(
            outcome.Problems,
            p => p.ElementId == "late" && p.Message.Contains("attached to 'other'")
        );
    }
}
