// Raised deep inside execution when the model cannot go on (no matching flow, bad multi-instance collection…):
// the token that was running stops on an incident instead of the command failing.
namespace Workflows.Engine.Runtime.Execution;

internal sealed class IncidentException(string message) : Exception(message);
