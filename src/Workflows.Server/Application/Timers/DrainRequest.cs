// What TimerDrain.Request hands back: the drain that covers the requested horizon.
namespace Workflows.Server.Application.Timers;

/// <summary>A drain covering a horizon.</summary>
/// <param name="Drain">Completes with the number of timers the drain fired.</param>
/// <param name="Joined">True when an already running drain took the request over (the caller need not wait for it).</param>
public sealed record DrainRequest(Task<int> Drain, bool Joined);
