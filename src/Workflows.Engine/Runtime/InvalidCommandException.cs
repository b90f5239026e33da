namespace Workflows.Engine.Runtime;

/// <summary>A command that does not fit the instance: an unknown or closed bookmark, or an instance that is not running. The host maps it to 404 or 409.</summary>
public sealed class InvalidCommandException(string message, bool notFound = false)
    : Exception(message)
{
    /// <summary>True when the bookmark does not exist at all (404), false when the state forbids the command (409).</summary>
    public bool NotFound { get; } = notFound;
}
