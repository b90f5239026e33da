// Runs an instance to its end by completing open user tasks one command at a time, as clerks would.
using System.Text.Json.Nodes;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>Starts an instance and completes its user tasks in the order they were opened.</summary>
public static class Driver
{
    private static readonly Guid InstanceId = Guid.Parse("0b5e7c1a-0000-4000-8000-00000000be0c");

    /// <summary>Starts the instance and completes every user task; returns the final state and the number of commands run.</summary>
    /// <param name="roundTripJson">Serialize the state after each command and read it back before the next, as the host does.</param>
    public static (InstanceState State, int Commands) RunToEnd(
        WorkflowInterpreter interpreter,
        ProcessDefinition definition,
        JsonObject? variables = null,
        bool roundTripJson = false
    )
    {
        var state = interpreter
            .Execute(definition, null, new StartInstance(InstanceId, 1, "APP-1", variables))
            .State;
        var commands = 1;
        while (NextTask(state) is { } taskId)
        {
            if (roundTripJson)
            {
                state = StateJson.Deserialize(StateJson.Serialize(state));
            }

            state = interpreter.Execute(definition, state, new CompleteTask(taskId)).State;
            commands++;
        }

        if (roundTripJson)
        {
            state = StateJson.Deserialize(StateJson.Serialize(state));
        }

        return (state, commands);
    }

    /// <summary>Throws unless the run completed with the expected number of commands: a benchmark of a broken path measures nothing.</summary>
    public static void Verify(
        (InstanceState State, int Commands) run,
        int expectedCommands,
        params string[] mustHaveCompleted
    )
    {
        if (run.State.Status != InstanceStatus.Completed || run.Commands != expectedCommands)
        {
            throw new InvalidOperationException(
                $"Expected a completed instance after {expectedCommands} commands, got {run.State.Status} after {run.Commands} ({run.State.Incident})."
            );
        }

        var missing = mustHaveCompleted.Except(run.State.CompletedElementIds).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Expected path not taken; missing: " + string.Join(", ", missing)
            );
        }
    }

    private static string? NextTask(InstanceState state)
    {
        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark.Kind == BookmarkKind.UserTask)
            {
                return bookmark.Id;
            }
        }

        return null;
    }
}
