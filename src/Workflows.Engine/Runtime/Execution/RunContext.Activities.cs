// Activities: what each kind does when a token reaches it (create a task, request a service, run a script…).
using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    private void ActivityBody(Token token, Activity activity)
    {
        if (activity.MultiInstance is { } multi && !IsMultiInstanceInner(token))
        {
            StartMultiInstance(token, activity, multi);
            return;
        }

        switch (activity)
        {
            case UserTask task:
                CreateTask(token, task);
                break;
            case ServiceTask service:
                RequestService(token, service);
                break;
            case ScriptTask script:
                RunScript(token, script);
                break;
            case ReceiveTask receive:
                Subscribe(token, receive.Id, receive.Message);
                break;
            case SubProcess subProcess:
                StartSubProcess(token, subProcess);
                break;
            case CallActivity call:
                RequestChild(token, call);
                break;
            default:
                throw new IncidentException(
                    $"'{activity.Id}' ({activity.Kind}) cannot be executed."
                );
        }
    }

    private Bookmark AddBookmark(Token token, BookmarkKind kind, string elementId)
    {
        var bookmark = new Bookmark
        {
            Id = NextGlobalId(),
            Kind = kind,
            TokenId = token.Id,
            ElementId = elementId,
        };
        State.Bookmarks.Add(bookmark);
        return bookmark;
    }

    private void CreateTask(Token token, UserTask task)
    {
        var variables = VariablesFor(token);
        var spec = task.Spec;
        var assignee = Templates.ResolveText(spec.Assignee, expressions, variables);
        var groups = spec
            .CandidateGroups.SelectMany(g => Templates.ResolveList(g, expressions, variables))
            .ToList();
        var users = spec
            .CandidateUsers.SelectMany(u => Templates.ResolveList(u, expressions, variables))
            .ToList();
        var due = ResolveMoment(Templates.ResolveText(spec.DueDate, expressions, variables));
        var followUp = ResolveMoment(
            Templates.ResolveText(spec.FollowUpDate, expressions, variables)
        );
        var priorityText = Templates.ResolveText(spec.Priority, expressions, variables);
        var priority = string.IsNullOrWhiteSpace(priorityText)
            ? 50
            : (int)decimal.Parse(priorityText, CultureInfo.InvariantCulture);
        var bookmark = AddBookmark(token, BookmarkKind.UserTask, task.Id);
        Effects.Add(
            new TaskCreated(
                bookmark.Id,
                task.Id,
                task.Name,
                assignee,
                groups,
                users,
                due,
                followUp,
                priority,
                spec.FormKey,
                task.Sla,
                LocalsFor(token)
            )
        );
    }

    // A moment is an ISO date-time, or a limit (ISO duration or working days) counted from now on the business calendar.
    private DateTimeOffset? ResolveMoment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var looksLikeLimit =
            trimmed.StartsWith('P') || trimmed.EndsWith("WD", StringComparison.OrdinalIgnoreCase);
        if (
            !looksLikeLimit
            && DateTimeOffset.TryParse(
                trimmed,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out var date
            )
        )
        {
            return date;
        }

        return calendar.Add(now, trimmed).Due;
    }

    private void RequestService(Token token, ServiceTask service)
    {
        var variables = VariablesFor(token);
        var input = service.Inputs.Count == 0 ? variables : new JsonObject();
        foreach (var (name, expression) in service.Inputs)
        {
            input[name] = Templates.Resolve(expression, expressions, variables);
        }

        var bookmark = AddBookmark(token, BookmarkKind.Service, service.Id);
        Effects.Add(
            new ServiceInvocationRequested(bookmark.Id, service.Id, service.Handler, input)
        );
    }

    // Writes back what the script changed; locals (element variable, loopCounter) stay local unless the script changed them.
    private void RunScript(Token token, ScriptTask script)
    {
        var variables = VariablesFor(token);
        var locals = LocalsFor(token);
        var result = expressions.RunScript(script.Script, variables);
        foreach (var (key, value) in variables)
        {
            if (
                locals is not null
                && locals.TryGetPropertyValue(key, out var local)
                && JsonNode.DeepEquals(local, value)
            )
            {
                continue;
            }

            State.Variables[key] = value?.DeepClone();
        }

        if (script.ResultVariable is { } name)
        {
            State.Variables[name] = result?.DeepClone();
        }

        Guarded(token, leaving: true, () => CompleteActivity(token));
    }

    private void StartSubProcess(Token token, SubProcess subProcess)
    {
        var start =
            Definition.StartEvents(subProcess.Id).FirstOrDefault(s => s.Trigger is null)
            ?? throw new IncidentException(
                $"Sub-process '{subProcess.Id}' has no none start event."
            );
        var scope = new ScopeState
        {
            Id = NextLocalId("s"),
            ElementId = subProcess.Id,
            ParentTokenId = token.Id,
            ParentScopeInstanceId = token.ScopeInstanceId,
        };
        State.Scopes.Add(scope);
        AddBookmark(token, BookmarkKind.Scope, subProcess.Id);
        Enter(NewToken(start.Id, scope.Id), start, null);
    }

    private void RequestChild(Token token, CallActivity call)
    {
        var variables = VariablesFor(token);
        var input = call.InVariables is null ? variables : Pick(variables, call.InVariables);
        var bookmark = AddBookmark(token, BookmarkKind.ChildInstance, call.Id);
        bookmark.ChildInstanceId = DeterministicIds.Child(State.InstanceId, State.Sequence);
        Effects.Add(
            new ChildInstanceRequested(
                bookmark.Id,
                bookmark.ChildInstanceId.Value,
                call.Id,
                call.CalledElement,
                call.PinnedVersion,
                input
            )
        );
    }

    private static JsonObject Pick(JsonObject variables, IEnumerable<string> names)
    {
        var picked = new JsonObject();
        foreach (var name in names)
        {
            if (variables.TryGetPropertyValue(name, out var value))
            {
                picked[name] = value?.DeepClone();
            }
        }

        return picked;
    }
}
