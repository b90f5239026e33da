namespace Workflows.Engine.Runtime;

/// <summary>What one command produced: the new state to save and the effects to put in the outbox, in order.</summary>
/// <param name="State">The new snapshot (a copy; the input state is never mutated).</param>
/// <param name="Effects">Effects to dispatch after commit, in the order they happened.</param>
/// <param name="Journal">Execution history for the audit trail: each node entered and left.</param>
public sealed record ExecutionResult(
    InstanceState State,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<JournalEntry> Journal
);

/// <summary>One step of execution history.</summary>
/// <param name="ElementId">The node.</param>
/// <param name="Event">What happened: <c>entered</c>, <c>completed</c>, <c>cancelled</c>, <c>taken</c> (a flow).</param>
/// <param name="At">When, from the engine's <see cref="TimeProvider"/>.</param>
public sealed record JournalEntry(string ElementId, string Event, DateTimeOffset At);
