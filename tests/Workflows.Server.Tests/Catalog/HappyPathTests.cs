// Walks every shipped procedure through the engine in memory on its approving path, answering each wait as a clerk would.
using System.Text.Json.Nodes;
using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;

namespace Workflows.Server.Tests.Catalog;

/// <summary>Each procedure runs from submission to <c>EndEvent_Completed</c> with the case clock started and stopped.</summary>
public sealed class HappyPathTests
{
    /// <summary>The shipped procedures.</summary>
    public static TheoryData<string> Procedures => CatalogFiles.Procedures();

    // The variables an application and its clerks supply; the branches they pick are the longer ones (courier, class A, lottery, complex).
    private static JsonObject Application() =>
        new()
        {
            ["applicantName"] = "John Smith",
            ["nationality"] = "GB",
            ["employer"] = "Example Ltd",
            ["applicantUser"] = "applicant.demo",
            ["employerUser"] = "employer.demo",
            ["accepted"] = true,
            ["talentClass"] = "A",
            ["delivery"] = "courier",
            ["allocationMethod"] = "lottery",
            ["complete"] = false,
            ["complex"] = true,
        };

    [Theory]
    [MemberData(nameof(Procedures))]
    public void Approving_path_reaches_the_completed_end_with_the_case_clock_started_and_stopped(
        string file
    )
    {
        var definition = BpmnParser
            .Parse(CatalogFiles.Read(file), CatalogFiles.Options())
            .Definition!;
        var interpreter = new WorkflowInterpreter(
            new JintExpressionEvaluator(new ExpressionOptions()),
            new WorkingCalendar([], CalendarOptions.Default),
            TimeProvider.System
        );
        var effects = new List<Effect>();
        var journal = new List<string>();
        var answered = new HashSet<string>();

        var result = interpreter.Execute(
            definition,
            null,
            new StartInstance(Guid.CreateVersion7(), 1, "BK-2026-0001", Application())
        );
        for (var step = 0; step < 100 && !effects.OfType<InstanceCompleted>().Any(); step++)
        {
            effects.AddRange(result.Effects);
            journal.AddRange(result.Journal.Select(j => j.ElementId));
            Assert.Empty(
                result.Effects.OfType<IncidentRaised>().Select(i => $"{i.ElementId}: {i.Message}")
            );
            if (effects.OfType<InstanceCompleted>().Any())
                break;
            result = interpreter.Execute(
                definition,
                result.State,
                Next(effects, answered, definition)
            );
        }

        Assert.Single(effects.OfType<InstanceCompleted>());
        Assert.Contains("EndEvent_Completed", journal);
        Assert.DoesNotContain("EndEvent_Rejected", journal);
        var clock = effects.OfType<CaseClockChanged>().Select(c => c.Action).ToList();
        Assert.Equal(CaseClockAction.Start, clock.First());
        Assert.Equal(CaseClockAction.Stop, clock.Last());
    }

    // Answers the oldest open wait: services first, then tasks, messages, and timers last (so the rating is given, not expired).
    private static Command Next(
        List<Effect> effects,
        HashSet<string> done,
        ProcessDefinition definition
    )
    {
        var closedTasks = effects.OfType<TaskCancelled>().Select(t => t.TaskId).ToHashSet();
        var cancelledTimers = effects.OfType<TimerCancelled>().Select(t => t.TimerId).ToHashSet();
        var closedSubscriptions = effects
            .OfType<MessageSubscriptionClosed>()
            .Select(s => s.SubscriptionId)
            .ToHashSet();

        Command? command = effects
            .OfType<ServiceInvocationRequested>()
            .Where(s => !done.Contains(s.InvocationId))
            .Select(s => new CompleteService(s.InvocationId, new JsonObject()))
            .FirstOrDefault();
        command ??= effects
            .OfType<TaskCreated>()
            .Where(t => !done.Contains(t.TaskId) && !closedTasks.Contains(t.TaskId))
            .Select(t => new CompleteTask(t.TaskId, new JsonObject { ["note"] = t.FormKey }))
            .FirstOrDefault();
        command ??= effects
            .OfType<MessageSubscriptionOpened>()
            .Where(s =>
                !done.Contains(s.SubscriptionId) && !closedSubscriptions.Contains(s.SubscriptionId)
            )
            .Select(s => new CorrelateMessage(
                s.SubscriptionId,
                new JsonObject { ["nationalApproved"] = true }
            ))
            .FirstOrDefault();
        command ??= effects
            .OfType<TimerScheduled>()
            .Where(t => !done.Contains(t.TimerId) && !cancelledTimers.Contains(t.TimerId))
            .Select(t => new FireTimer(t.TimerId))
            .FirstOrDefault();
        Assert.True(
            command is not null,
            $"{definition.Key} waits for nothing but has not completed"
        );
        done.Add(
            command switch
            {
                CompleteService s => s.InvocationId,
                CompleteTask t => t.TaskId,
                CorrelateMessage m => m.SubscriptionId,
                FireTimer f => f.TimerId,
                _ => string.Empty,
            }
        );
        return command!;
    }
}
