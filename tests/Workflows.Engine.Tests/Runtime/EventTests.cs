// Specifications: event-based gateway races and boundary events (timer, message, interrupting or not).
using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

public sealed class EventTests
{
    private const string Messages = """
        <bpmn:message id="msgPaid" name="FeePaid" wf:correlationKey="${applicationNo}" />
        <bpmn:message id="msgWithdraw" name="Withdrawn" />
        """;

    private static string Timer(string inner) =>
        $"<bpmn:timerEventDefinition>{inner}</bpmn:timerEventDefinition>";

    private static string RaceModel() =>
        $"""
            <bpmn:startEvent id="start" />
            <bpmn:eventBasedGateway id="race" />
            <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="msgPaid" /></bpmn:intermediateCatchEvent>
            <bpmn:intermediateCatchEvent id="timeout">{Timer(
                "<bpmn:timeDuration>P7D</bpmn:timeDuration>"
            )}</bpmn:intermediateCatchEvent>
            {Task("issue")}
            {Task("remind")}
            {Flow("f0", "start", "race")}
            {Flow("f1", "race", "paid")}
            {Flow("f2", "race", "timeout")}
            {Flow("f3", "paid", "issue")}
            {Flow("f4", "timeout", "remind")}
            {ToEnd("issue", "remind")}
            """;

    [Fact]
    public void Event_based_gateway_opens_a_wait_for_each_event_and_the_message_winning_consumes_its_subscription_and_cancels_the_timer()
    {
        var run = ProcessRun.Start(
            Parse(RaceModel(), Messages),
            new JsonObject { ["applicationNo"] = "WP-2025-001" }
        );
        var subscription = Assert.Single(run.Of<MessageSubscriptionOpened>());
        Assert.Equal(
            ("FeePaid", "WP-2025-001"),
            (subscription.MessageName, subscription.CorrelationKey)
        );
        var timer = Assert.Single(run.Of<TimerScheduled>());
        Assert.Equal(ProcessRun.T0.AddDays(7), timer.DueAt);

        run.Correlate("paid", new JsonObject { ["amount"] = 100 });

        Assert.Equal(new TimerCancelled(timer.TimerId), Assert.Single(run.Of<TimerCancelled>()));
        Assert.Equal(
            new MessageSubscriptionClosed(subscription.SubscriptionId),
            Assert.Single(run.Of<MessageSubscriptionClosed>())
        );
        Assert.Equal(["issue"], run.OpenTasks());
        Assert.Equal(100, run.State.Variables["amount"]!.GetValue<int>());
        Assert.Throws<InvalidCommandException>(() => run.Do(new FireTimer(timer.TimerId)));
    }

    [Fact]
    public void Event_based_gateway_timer_winning_closes_the_subscription()
    {
        var run = ProcessRun.Start(
            Parse(RaceModel(), Messages),
            new JsonObject { ["applicationNo"] = "WP-2025-001" }
        );
        var subscription = Assert.Single(run.Of<MessageSubscriptionOpened>());

        run.FireTimer("timeout");

        Assert.Equal(
            new MessageSubscriptionClosed(subscription.SubscriptionId),
            Assert.Single(run.Of<MessageSubscriptionClosed>())
        );
        Assert.Equal(["remind"], run.OpenTasks());
    }

    private static string BoundaryModel(string boundary) =>
        $"""
            <bpmn:startEvent id="start" />
            {Task("review")}
            {boundary}
            {Task("escalate")}
            {Flow("f0", "start", "review")}
            {Flow("fb", "b", "escalate")}
            {ToEnd("review", "escalate")}
            """;

    [Fact]
    public void Non_interrupting_cycle_timer_fires_repeatedly_without_cancelling_the_task_until_the_task_ends()
    {
        var definition = Parse(
            BoundaryModel(
                $"""
                <bpmn:boundaryEvent id="b" attachedToRef="review" cancelActivity="false">{Timer(
                    "<bpmn:timeCycle>R3/PT1H</bpmn:timeCycle>"
                )}</bpmn:boundaryEvent>
                """
            )
        );
        var run = ProcessRun.Start(definition);
        Assert.Equal(ProcessRun.T0.AddHours(1), Assert.Single(run.Of<TimerScheduled>()).DueAt);

        run.FireTimer("b");
        Assert.Empty(run.Of<TaskCancelled>());
        Assert.Equal(ProcessRun.T0.AddHours(2), Assert.Single(run.Of<TimerScheduled>()).DueAt);
        Assert.Equal(["escalate", "review"], run.OpenTasks());

        run.FireTimer("b");
        Assert.Equal(ProcessRun.T0.AddHours(3), Assert.Single(run.Of<TimerScheduled>()).DueAt);
        Assert.Equal(2, run.State.Bookmarks.Count(b => b.ElementId == "escalate"));

        var lastTimer = run.BookmarkId(BookmarkKind.Timer, "b");
        run.CompleteTask("review");
        Assert.Equal(new TimerCancelled(lastTimer), Assert.Single(run.Of<TimerCancelled>()));
        Assert.Equal(["escalate", "escalate"], run.OpenTasks());
    }

    [Fact]
    public void Interrupting_boundary_timer_cancels_the_task_and_continues_from_the_boundary()
    {
        var definition = Parse(
            BoundaryModel(
                $"""
                <bpmn:boundaryEvent id="b" attachedToRef="review">{Timer(
                    "<bpmn:timeDuration>2WD</bpmn:timeDuration>"
                )}</bpmn:boundaryEvent>
                """
            )
        );
        var run = ProcessRun.Start(definition);
        var task = run.TaskId("review");

        run.FireTimer("b");

        Assert.Equal(task, Assert.Single(run.Of<TaskCancelled>()).TaskId);
        Assert.Equal(["escalate"], run.OpenTasks());
        Assert.Throws<InvalidCommandException>(() => run.Do(new CompleteTask(task)));
    }

    [Fact]
    public void Boundary_message_interrupts_the_task_and_closes_its_other_boundary_waits()
    {
        var definition = Parse(
            BoundaryModel(
                $"""
                <bpmn:boundaryEvent id="b" attachedToRef="review"><bpmn:messageEventDefinition messageRef="msgWithdraw" /></bpmn:boundaryEvent>
                <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="false">{Timer(
                    "<bpmn:timeDuration>P1D</bpmn:timeDuration>"
                )}</bpmn:boundaryEvent>
                {Flow("fl", "late", "escalate")}
                """
            ),
            Messages
        );
        var run = ProcessRun.Start(definition);
        var timer = Assert.Single(run.Of<TimerScheduled>());

        run.Correlate("b", new JsonObject { ["withdrawnBy"] = "applicant" });

        Assert.Single(run.Of<TaskCancelled>());
        Assert.Equal(new TimerCancelled(timer.TimerId), Assert.Single(run.Of<TimerCancelled>()));
        Assert.Equal(["escalate"], run.OpenTasks());
        Assert.Equal("applicant", (string?)run.State.Variables["withdrawnBy"]);
    }

    [Fact]
    public void A_timer_delivered_twice_is_not_accepted_the_second_time()
    {
        var definition = Parse(
            BoundaryModel(
                $"""
                <bpmn:boundaryEvent id="b" attachedToRef="review">{Timer(
                    "<bpmn:timeDuration>PT4H</bpmn:timeDuration>"
                )}</bpmn:boundaryEvent>
                """
            )
        );
        var run = ProcessRun.Start(definition);
        var fire = new FireTimer(run.BookmarkId(BookmarkKind.Timer, "b"));
        Assert.True(run.Interpreter.CanAccept(run.Definition, run.State, fire));

        run.Do(fire);

        Assert.False(run.Interpreter.CanAccept(run.Definition, run.State, fire));
        Assert.True(Assert.Throws<InvalidCommandException>(() => run.Do(fire)).NotFound);
    }
}
