// Applying a command to the working state before the agenda runs.
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    public void Apply(Command command)
    {
        switch (command)
        {
            case StartInstance start:
                var startEvent = CommandCheck.StartEventFor(Definition, start);
                Enter(NewToken(startEvent.Id, null), startEvent, null);
                break;
            case CompleteTask complete:
                Resume(complete.TaskId, BookmarkKind.UserTask, complete.Variables, null);
                break;
            case ThrowTaskError error:
                Resume(error.TaskId, BookmarkKind.UserTask, error.Variables, error.ErrorCode);
                break;
            case CompleteService service:
                Resume(
                    service.InvocationId,
                    BookmarkKind.Service,
                    service.Variables,
                    service.ErrorCode
                );
                break;
            case CompleteChild child:
                var bookmark = CommandCheck.Find(
                    State,
                    child.ChildBookmarkId,
                    BookmarkKind.ChildInstance
                );
                var call = (CallActivity)Node(bookmark.ElementId);
                var output =
                    child.Variables is null || call.OutVariables is null
                        ? child.Variables
                        : Pick(child.Variables, call.OutVariables);
                Resume(child.ChildBookmarkId, BookmarkKind.ChildInstance, output, child.ErrorCode);
                break;
            case FireTimer timer:
                Fire(CommandCheck.Find(State, timer.TimerId, BookmarkKind.Timer));
                break;
            case CorrelateMessage message:
                var subscription = CommandCheck.Find(
                    State,
                    message.SubscriptionId,
                    BookmarkKind.Message
                );
                MergeVariables(message.Variables);
                // The subscription is consumed: the host drops its row, as it does when a subscription is cancelled.
                Effects.Add(new MessageSubscriptionClosed(subscription.Id));
                Fire(subscription);
                break;
            case CancelInstance cancel:
                TerminateInstance(cancel.Reason, null);
                break;
            case RetryIncident:
                Retry();
                break;
            default:
                throw new InvalidCommandException($"Unknown command {command.GetType().Name}.");
        }
    }

    // A host answer for an activity's wait state: merge its output, then complete the activity or throw the error from it.
    private void Resume(
        string bookmarkId,
        BookmarkKind kind,
        System.Text.Json.Nodes.JsonObject? variables,
        string? errorCode
    )
    {
        var bookmark = CommandCheck.Find(State, bookmarkId, kind);
        State.Bookmarks.Remove(bookmark);
        MergeVariables(variables);
        var token = TokenOf(bookmark.TokenId);
        if (errorCode is not null)
        {
            ThrowError(token, errorCode, bookmark.ElementId);
        }
        else
        {
            Guarded(token, leaving: true, () => CompleteActivity(token));
        }
    }

    private void Retry()
    {
        var stopped = State.IncidentTokenIds.ToList();
        State.IncidentTokenIds.Clear();
        State.Incident = null;
        State.Status = InstanceStatus.Running;
        foreach (var token in stopped.Select(FindToken).OfType<Token>())
        {
            if (token.RetryByLeaving)
            {
                token.RetryByLeaving = false;
                Guarded(token, leaving: true, () => ResumeLeaving(token));
            }
            else
            {
                Schedule(token);
            }
        }
    }
}
