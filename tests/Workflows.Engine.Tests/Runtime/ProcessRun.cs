// Drives one instance through the interpreter command by command, keeping the latest state and every effect.
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Support;

namespace Workflows.Engine.Tests.Runtime;

internal sealed class ProcessRun
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Guid InstanceId = Guid.Parse("6f1c2a0e-0000-4000-8000-000000000001");

    private ProcessRun(
        ProcessDefinition definition,
        IExpressionEvaluator? expressions,
        int maxSteps
    )
    {
        Definition = definition;
        Interpreter = new WorkflowInterpreter(
            expressions
                ?? new JintExpressionEvaluator(
                    new ExpressionOptions { Timeout = TimeSpan.FromSeconds(30) }
                ),
            new DayCalendar(),
            Clock
        )
        {
            MaxStepsPerCommand = maxSteps,
        };
    }

    public FixedTimeProvider Clock { get; } = new(T0);

    public ProcessDefinition Definition { get; }

    public WorkflowInterpreter Interpreter { get; }

    public InstanceState State { get; private set; } = null!;

    public ExecutionResult Last { get; private set; } = null!;

    public List<Effect> AllEffects { get; } = [];

    public IReadOnlyList<Effect> Effects => Last.Effects;

    public static ProcessRun Start(
        ProcessDefinition definition,
        JsonObject? variables = null,
        IExpressionEvaluator? expressions = null,
        string? startAt = null,
        int maxSteps = 10_000
    )
    {
        var run = new ProcessRun(definition, expressions, maxSteps);
        run.Apply(null, new StartInstance(InstanceId, 1, "APP-1", variables, startAt));
        return run;
    }

    public ProcessRun Do(Command command)
    {
        Apply(State, command);
        return this;
    }

    public ProcessRun CompleteTask(string elementId, JsonObject? variables = null) =>
        Do(new CompleteTask(TaskId(elementId), variables));

    public ProcessRun FireTimer(string elementId) =>
        Do(new FireTimer(BookmarkId(BookmarkKind.Timer, elementId)));

    public ProcessRun Correlate(string elementId, JsonObject? variables = null) =>
        Do(new CorrelateMessage(BookmarkId(BookmarkKind.Message, elementId), variables));

    public string TaskId(string elementId) => BookmarkId(BookmarkKind.UserTask, elementId);

    public string BookmarkId(BookmarkKind kind, string elementId) =>
        Assert.Single(State.Bookmarks, b => b.Kind == kind && b.ElementId == elementId).Id;

    public IEnumerable<T> Of<T>()
        where T : Effect => Effects.OfType<T>();

    public List<string> OpenTasks() =>
        State
            .Bookmarks.Where(b => b.Kind == BookmarkKind.UserTask)
            .Select(b => b.ElementId)
            .Order()
            .ToList();

    public List<string> Taken() =>
        Last.Journal.Where(j => j.Event == "taken").Select(j => j.ElementId).ToList();

    private void Apply(InstanceState? state, Command command)
    {
        Last = Interpreter.Execute(Definition, state, command);
        State = Last.State;
        AllEffects.AddRange(Last.Effects);
    }
}
