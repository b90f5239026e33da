using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The interpreter: a pure function over (definition, state, command) that runs every token forward until each waits,
/// and returns the new state and the effects for the host. No I/O; time comes from the <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Ids: tokens (<c>t12</c>) and scopes (<c>s13</c>) are unique within the instance; every bookmark id (task, timer,
/// subscription, invocation, child) is <c>{instanceId:N}-{sequence}</c>, globally unique, and a child instance id is a
/// version-8 Guid hashed from the instance id and the sequence. The same input always yields the same ids.
/// </remarks>
public sealed class WorkflowInterpreter(
    IExpressionEvaluator expressions,
    IBusinessCalendar calendar,
    TimeProvider time
)
{
    /// <summary>The most node executions one command may run before the token stops on an incident (a loop with no wait state).</summary>
    public int MaxStepsPerCommand { get; init; } = 10_000;

    /// <summary>Applies one command. <paramref name="state"/> is null only for <see cref="StartInstance"/>; it is never mutated.</summary>
    /// <remarks>
    /// A stimulus for a wait state that no longer exists (a timer delivered twice, a task already completed) throws with
    /// <see cref="InvalidCommandException.NotFound"/> true, so the host can treat it as a duplicate; see <see cref="CanAccept"/>.
    /// </remarks>
    /// <exception cref="InvalidCommandException">The command does not fit the state (unknown task, instance not running…).</exception>
    public ExecutionResult Execute(
        ProcessDefinition definition,
        InstanceState? state,
        Command command
    )
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(command);
        CommandCheck.Check(definition, state, command);
        return Run(
            definition,
            state is null ? NewState(definition, (StartInstance)command) : StateCopy.Clone(state),
            command
        );
    }

    /// <summary>
    /// Applies one command to <paramref name="state"/> itself rather than to a copy; the result's state is that object.
    /// For a host that read the state for this command alone (deserialized from its store) and never uses it again: it
    /// saves the deep copy <see cref="Execute"/> makes, a JSON round trip of the whole snapshot.
    /// </summary>
    /// <remarks>A command the state does not fit throws before anything changes; any later exception leaves the state half applied, to be discarded.</remarks>
    /// <exception cref="InvalidCommandException">The command does not fit the state, as for <see cref="Execute"/>.</exception>
    public ExecutionResult ExecuteInPlace(
        ProcessDefinition definition,
        InstanceState state,
        Command command
    )
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        CommandCheck.Check(definition, state, command);
        return Run(definition, state, command);
    }

    private ExecutionResult Run(
        ProcessDefinition definition,
        InstanceState working,
        Command command
    )
    {
        var context = new RunContext(
            definition,
            working,
            expressions,
            calendar,
            time.GetUtcNow(),
            MaxStepsPerCommand
        );
        context.Apply(command);
        context.Run();
        working.Version++;
        return new ExecutionResult(working, context.Effects, context.Journal);
    }

    /// <summary>
    /// True when <see cref="Execute"/> would accept the command: the instance is in a fitting status and the wait state exists.
    /// Hosts use it to drop duplicate deliveries (a timer fired twice) without catching exceptions.
    /// </summary>
    public bool CanAccept(ProcessDefinition definition, InstanceState? state, Command command)
    {
        try
        {
            CommandCheck.Check(definition, state, command);
            return true;
        }
        catch (InvalidCommandException)
        {
            return false;
        }
    }

    private static InstanceState NewState(ProcessDefinition definition, StartInstance start) =>
        new()
        {
            InstanceId = start.InstanceId,
            DefinitionKey = definition.Key,
            DefinitionVersion = start.DefinitionVersion,
            BusinessKey = start.BusinessKey,
            Variables = start.Variables?.DeepClone().AsObject() ?? [],
            ParentInstanceId = start.ParentInstanceId,
            ParentBookmarkId = start.ParentBookmarkId,
        };
}
