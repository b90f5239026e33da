// A timer handler for the batching and retry-budget scenarios: counts its calls per row and fails the first call of the rows
// it is told to, or every call of the rows it is told to while they stay listed.
using System.Collections.Concurrent;
using Workflows.Data.Entities;
using Workflows.Server.Application.Sla;

namespace Workflows.Server.Tests.Timers;

/// <summary>
/// Executes rows of kind <see cref="Kind"/>; the first call for a row in <see cref="FailOnce"/> throws, and so does every call
/// for a row in <see cref="FailAlways"/>.
/// </summary>
public sealed class FlakyTimerHandler : ITimerHandler
{
    /// <summary>The timer kind this handler executes.</summary>
    public const string Kind = "test.flaky";

    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _successes = new(StringComparer.Ordinal);

    /// <summary>Row ids whose first call fails.</summary>
    public ConcurrentDictionary<string, bool> FailOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>Row ids whose every call fails (until removed).</summary>
    public ConcurrentDictionary<string, bool> FailAlways { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyCollection<string> Kinds { get; } = [Kind];

    /// <summary>Calls for a row so far (failed ones included).</summary>
    public int CallsFor(string timerId) => _calls.GetValueOrDefault(timerId);

    /// <summary>Calls for a row that did its work.</summary>
    public int SuccessesFor(string timerId) => _successes.GetValueOrDefault(timerId);

    /// <inheritdoc />
    public Task<bool> FireAsync(TimerEntity timer, CancellationToken ct)
    {
        var calls = _calls.AddOrUpdate(timer.Id, 1, (_, n) => n + 1);
        if (calls == 1 && FailOnce.ContainsKey(timer.Id))
            throw new InvalidOperationException($"timer {timer.Id} fails its first call");
        if (FailAlways.ContainsKey(timer.Id))
            throw new InvalidOperationException($"timer {timer.Id} fails call {calls}");
        _successes.AddOrUpdate(timer.Id, 1, (_, n) => n + 1);
        return Task.FromResult(true);
    }

    /// <summary>Registers this handler in a host.</summary>
    public void Register(IServiceCollection services) => services.AddSingleton<ITimerHandler>(this);
}
