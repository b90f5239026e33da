// Deep copies of the instance snapshot: the interpreter works on a copy so the caller's state is never mutated.
using System.Text.Json;

namespace Workflows.Engine.Runtime.Execution;

internal static class StateCopy
{
    // The same round trip the host does when it stores the state, so a copy behaves like a reloaded instance.
    public static InstanceState Clone(InstanceState state) =>
        JsonSerializer.Deserialize<InstanceState>(JsonSerializer.Serialize(state))
        ?? throw new InvalidOperationException(
            "The instance state did not survive a JSON round trip."
        );
}
