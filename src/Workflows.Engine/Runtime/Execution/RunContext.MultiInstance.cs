// Multi-instance activities: a body scope on the activity's token, one inner token per element (all at once or one after another).
using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class RunContext
{
    private void StartMultiInstance(Token outer, Activity activity, MultiInstanceSpec spec)
    {
        var items = EvaluateItems(outer, activity, spec);
        var scope = new ScopeState
        {
            Id = NextLocalId("s"),
            ElementId = activity.Id,
            ParentTokenId = outer.Id,
            ParentScopeInstanceId = outer.ScopeInstanceId,
            IsMultiInstance = true,
            NrOfInstances = items.Count,
            CollectionJson = items.ToJsonString(),
        };
        if (items.Count == 0)
        {
            Leave(outer);
            return;
        }

        State.Scopes.Add(scope);
        AddBookmark(outer, BookmarkKind.Scope, activity.Id);
        var startNow = spec.IsSequential ? 1 : items.Count;
        for (var i = 0; i < startNow; i++)
        {
            StartInner(scope, spec, items, i);
        }
    }

    private JsonArray EvaluateItems(Token outer, Activity activity, MultiInstanceSpec spec)
    {
        var variables = VariablesFor(outer);
        if (spec.Collection is { } collection)
        {
            var value = Templates.IsExpression(collection)
                ? expressions.Evaluate(collection, variables)
                : variables[collection];
            return value switch
            {
                JsonArray array => (JsonArray)array.DeepClone(),
                null => throw new IncidentException(
                    $"The collection '{collection}' of '{activity.Id}' is empty or undefined."
                ),
                _ => throw new IncidentException(
                    $"The collection '{collection}' of '{activity.Id}' is not a list."
                ),
            };
        }

        if (spec.Cardinality is { } cardinality)
        {
            var text = Templates.ResolveText(cardinality, expressions, variables) ?? "0";
            var count = (int)decimal.Parse(text, CultureInfo.InvariantCulture);
            return new JsonArray(
                Enumerable
                    .Range(0, Math.Max(count, 0))
                    .Select(i => (JsonNode?)JsonValue.Create(i))
                    .ToArray()
            );
        }

        throw new IncidentException(
            $"Multi-instance '{activity.Id}' has neither a collection nor a cardinality."
        );
    }

    private void StartInner(ScopeState scope, MultiInstanceSpec spec, JsonArray items, int index)
    {
        var locals = new JsonObject { ["loopCounter"] = index };
        if (spec.ElementVariable is { } name)
        {
            locals[name] = items[index]?.DeepClone();
        }

        var inner = NewToken(scope.ElementId, scope.Id);
        inner.LocalVariables = locals;
        scope.NrOfActiveInstances++;
        scope.NextIndex = index + 1;
        Log(scope.ElementId, "entered");
        Schedule(inner);
    }

    // An inner instance finished: the body completes when all did or the completion condition holds.
    private void InnerInstanceCompleted(Token inner)
    {
        var scope = FindScope(inner.ScopeInstanceId)!;
        var activity = (Activity)Node(scope.ElementId);
        var spec = activity.MultiInstance!;
        var completed = scope.NrOfCompletedInstances + 1;
        var active = scope.NrOfActiveInstances - 1;
        var done = completed >= scope.NrOfInstances;
        if (!done && spec.CompletionCondition is { } condition)
        {
            var variables = VariablesFor(inner);
            variables["nrOfInstances"] = scope.NrOfInstances;
            variables["nrOfCompletedInstances"] = completed;
            variables["nrOfActiveInstances"] = active;
            done = expressions.EvaluateCondition(condition, variables);
        }

        scope.NrOfCompletedInstances = completed;
        scope.NrOfActiveInstances = active;
        State.Tokens.Remove(inner);
        Log(activity.Id, "completed");
        if (done)
        {
            foreach (
                var remaining in State.Tokens.Where(t => t.ScopeInstanceId == scope.Id).ToList()
            )
            {
                CancelToken(remaining, $"Multi-instance '{activity.Id}' completed.");
            }

            State.Scopes.Remove(scope);
            var outer = TokenOf(scope.ParentTokenId);
            State.Bookmarks.RemoveAll(b => b.TokenId == outer.Id && b.Kind == BookmarkKind.Scope);
            Guarded(outer, leaving: true, () => Leave(outer));
        }
        else if (spec.IsSequential && scope.NextIndex < scope.NrOfInstances)
        {
            StartInner(
                scope,
                spec,
                JsonNode.Parse(scope.CollectionJson ?? "[]")!.AsArray(),
                scope.NextIndex
            );
        }
    }
}
