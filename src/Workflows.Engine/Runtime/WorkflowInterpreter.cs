using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The interpreter: a pure function over (definition, state, command) that runs every token forward until each waits,
/// and returns the new state and the effects for the host. No I/O; time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class WorkflowInterpreter(IExpressionEvaluator expressions, IBusinessCalendar calendar, TimeProvider time)
{
    /// <summary>Applies one command. <paramref name="state"/> is null only for <see cref="StartInstance"/>; it is never mutated.</summary>
    /// <exception cref="InvalidCommandException">The command does not fit the state (unknown task, instance not running…).</exception>
    public ExecutionResult Execute(ProcessDefinition definition, InstanceState? state, Command command)
    {
        _ = (expressions, calendar, time, definition, state, command);
        throw new NotImplementedException();
    }
}
