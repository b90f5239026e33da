// Bounded, thread-safe cache of prepared scripts keyed by their source text.
using System.Collections.Concurrent;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Keeps prepared scripts so a condition evaluated on every token is parsed once. When full it is emptied:
/// cheaper and simpler than LRU bookkeeping, and definitions hold far fewer distinct expressions than the capacity.
/// </summary>
internal sealed class ScriptCache(int capacity)
{
    private readonly ConcurrentDictionary<
        (string Source, ScriptKind Kind),
        CompiledScript
    > _entries = new();

    public CompiledScript GetOrAdd(
        string source,
        ScriptKind kind,
        Func<string, ScriptKind, CompiledScript> compile
    )
    {
        if (_entries.TryGetValue((source, kind), out var hit))
            return hit;
        var compiled = compile(source, kind);
        if (_entries.Count >= Math.Max(1, capacity))
            _entries.Clear();
        _entries.TryAdd((source, kind), compiled);
        return compiled;
    }
}
