// Catch events, timers, message subscriptions and boundary events, and what happens when one fires.
using System.Globalization;
using Workflows.Engine.Calendar;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    private void OpenCatch(Token token, string elementId, EventDefinition trigger)
    {
        switch (trigger)
        {
            case TimerDefinition timer:
                ScheduleTimer(token, elementId, timer);
                break;
            case MessageDefinition message:
                Subscribe(token, elementId, message);
                break;
            default:
                throw new IncidentException($"'{elementId}' waits for an unsupported event.");
        }
    }

    private void OpenBoundaryEvents(Token token, Activity activity)
    {
        foreach (var id in activity.BoundaryEventIds)
        {
            var boundary = (BoundaryEvent)Node(id);
            if (boundary.Trigger is TimerDefinition or MessageDefinition)
            {
                OpenCatch(token, boundary.Id, boundary.Trigger);
            }
        }
    }

    private void ScheduleTimer(Token token, string elementId, TimerDefinition timer)
    {
        var variables = VariablesFor(token);
        string? Text(string? value) => Templates.ResolveText(value, expressions, variables);
        var bookmark = new Bookmark
        {
            Id = NextGlobalId(),
            Kind = BookmarkKind.Timer,
            TokenId = token.Id,
            ElementId = elementId,
        };
        var provisional = false;
        if (Text(timer.Cycle) is { } cycleText)
        {
            var cycle = TimerCycle.Parse(cycleText);
            var first = cycle.Start is { } start
                ? new DueDate(start, false)
                : calendar.Add(now, cycle.Interval);
            (bookmark.DueAt, provisional) = (first.Due, first.Provisional);
            bookmark.RepeatsLeft = cycle.Repetitions;
            bookmark.RepeatInterval = cycle.Interval;
        }
        else if (Text(timer.Duration) is { } duration)
        {
            var due = calendar.Add(now, duration);
            (bookmark.DueAt, provisional) = (due.Due, due.Provisional);
        }
        else if (Text(timer.Date) is { } date)
        {
            bookmark.DueAt = DateTimeOffset.Parse(date, CultureInfo.InvariantCulture);
        }
        else
        {
            throw new IncidentException($"Timer '{elementId}' has no duration, date or cycle.");
        }

        State.Bookmarks.Add(bookmark);
        Effects.Add(new TimerScheduled(bookmark.Id, elementId, bookmark.DueAt ?? now, provisional));
    }

    private void Subscribe(Token token, string elementId, MessageDefinition message)
    {
        var scope = VariablesFor(token);
        // ${businessKey} names the instance's business key (the usual correlation), unless a variable has that name.
        if (State.BusinessKey is not null && !scope.ContainsKey("businessKey"))
        {
            scope["businessKey"] = State.BusinessKey;
        }

        var key = Templates.ResolveText(message.CorrelationKey, expressions, scope);
        var bookmark = new Bookmark
        {
            Id = NextGlobalId(),
            Kind = BookmarkKind.Message,
            TokenId = token.Id,
            ElementId = elementId,
            MessageName = message.MessageName,
            CorrelationKey = key,
        };
        State.Bookmarks.Add(bookmark);
        Effects.Add(
            new MessageSubscriptionOpened(bookmark.Id, elementId, message.MessageName, key)
        );
    }

    // A timer or message arrived for a catch event, a receive task, an event-based race or a boundary event.
    private void Fire(Bookmark bookmark)
    {
        State.Bookmarks.Remove(bookmark);
        var token = TokenOf(bookmark.TokenId);
        var node = Node(bookmark.ElementId);
        if (node is BoundaryEvent boundary)
        {
            BoundaryFired(bookmark, token, boundary);
        }
        else if (token.ElementId != node.Id)
        {
            WinRace(token, node);
        }
        else
        {
            Guarded(token, leaving: true, () => CompleteActivityOrEvent(token));
        }
    }

    private void CompleteActivityOrEvent(Token token)
    {
        if (Node(token.ElementId) is Activity)
        {
            CompleteActivity(token);
        }
        else
        {
            Leave(token);
        }
    }

    // The first event after an event-based gateway wins; the others' wait states close.
    private void WinRace(Token token, FlowNode winner)
    {
        var gateway = Node(token.ElementId);
        CloseBookmarks(token, $"'{winner.Id}' happened first");
        Log(gateway.Id, "completed");
        State.CompletedElementIds.Add(gateway.Id);
        var flow = gateway.Outgoing.First(id => Flow(id).TargetId == winner.Id);
        Log(flow, "taken");
        if (Move(token, winner, flow))
        {
            Guarded(token, leaving: true, () => CompleteActivityOrEvent(token));
        }
    }

    private void BoundaryFired(Bookmark bookmark, Token attached, BoundaryEvent boundary)
    {
        var activity = Node(attached.ElementId);
        if (boundary.CancelActivity)
        {
            if (activity.CaseClock == CaseClockAction.Pause)
            {
                Effects.Add(
                    new CaseClockChanged(CaseClockAction.Resume, activity.Id, Reason(activity))
                );
            }

            CancelToken(attached, $"Interrupted by boundary event '{boundary.Id}'.");
        }
        else if (
            bookmark is { Kind: BookmarkKind.Timer, RepeatInterval: { } interval }
            && bookmark.RepeatsLeft is null or > 1
        )
        {
            RescheduleCycle(bookmark, interval);
        }

        Enter(NewToken(boundary.Id, attached.ScopeInstanceId), boundary, null);
    }

    // A non-interrupting cycle timer fires again after its interval, under a new id (each timer row runs once).
    private void RescheduleCycle(Bookmark fired, string interval)
    {
        var due = calendar.Add(fired.DueAt ?? now, interval);
        var next = new Bookmark
        {
            Id = NextGlobalId(),
            Kind = BookmarkKind.Timer,
            TokenId = fired.TokenId,
            ElementId = fired.ElementId,
            DueAt = due.Due,
            RepeatsLeft = fired.RepeatsLeft - 1,
            RepeatInterval = interval,
        };
        State.Bookmarks.Add(next);
        Effects.Add(new TimerScheduled(next.Id, next.ElementId, due.Due, due.Provisional));
    }
}
