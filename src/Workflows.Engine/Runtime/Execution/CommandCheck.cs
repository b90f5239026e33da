// Decides whether a command fits an instance, before anything runs: the 404/409 rules of the interpreter.
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal static class CommandCheck
{
    public static void Check(ProcessDefinition definition, InstanceState? state, Command command)
    {
        if (command is StartInstance start)
        {
            if (state is not null)
            {
                throw new InvalidCommandException($"Instance {state.InstanceId} already exists.");
            }

            _ = StartEventFor(definition, start);
            return;
        }

        if (state is null)
        {
            throw new InvalidCommandException(
                "There is no instance to apply the command to.",
                notFound: true
            );
        }

        if (state.DefinitionKey != definition.Key)
        {
            throw new InvalidCommandException(
                $"Instance {state.InstanceId} runs '{state.DefinitionKey}', not '{definition.Key}'."
            );
        }

        switch (command)
        {
            case CancelInstance
                when state.Status is InstanceStatus.Running or InstanceStatus.Incident:
                return;
            case RetryIncident when state.Status == InstanceStatus.Incident:
                return;
            case CancelInstance or RetryIncident:
                throw new InvalidCommandException(
                    $"Instance {state.InstanceId} is {state.Status}."
                );
        }

        if (state.Status != InstanceStatus.Running)
        {
            throw new InvalidCommandException(
                $"Instance {state.InstanceId} is {state.Status}; it accepts no {command.GetType().Name}."
            );
        }

        _ = command switch
        {
            CompleteTask c => Find(state, c.TaskId, BookmarkKind.UserTask),
            ThrowTaskError c => Find(state, c.TaskId, BookmarkKind.UserTask),
            FireTimer c => Find(state, c.TimerId, BookmarkKind.Timer),
            CorrelateMessage c => Find(state, c.SubscriptionId, BookmarkKind.Message),
            CompleteService c => Find(state, c.InvocationId, BookmarkKind.Service),
            CompleteChild c => Find(state, c.ChildBookmarkId, BookmarkKind.ChildInstance),
            _ => throw new InvalidCommandException($"Unknown command {command.GetType().Name}."),
        };
    }

    public static Bookmark Find(InstanceState state, string id, BookmarkKind kind) =>
        state.Bookmarks.Find(b => b.Id == id && b.Kind == kind)
        ?? throw new InvalidCommandException(
            $"No open {kind} wait state '{id}' in instance {state.InstanceId}.",
            notFound: true
        );

    public static StartEvent StartEventFor(ProcessDefinition definition, StartInstance start)
    {
        if (start.StartElementId is { } id)
        {
            return
                definition.Nodes.TryGetValue(id, out var node)
                && node is StartEvent { ScopeId: null } chosen
                ? chosen
                : throw new InvalidCommandException(
                    $"'{id}' is not a start event of process '{definition.Key}'.",
                    notFound: true
                );
        }

        var none = definition.StartEvents().Where(s => s.Trigger is null).ToList();
        return none.Count == 1
            ? none[0]
            : throw new InvalidCommandException(
                $"Process '{definition.Key}' has {none.Count} none start events; name the start event."
            );
    }
}
