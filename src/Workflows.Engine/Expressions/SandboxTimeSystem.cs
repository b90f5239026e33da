// The clock scripts see: the injected TimeProvider, or none at all.
using System.Globalization;
using Jint.Runtime;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Jint's time system with "now" taken from the engine's <see cref="TimeProvider"/>, so a replayed instance sees the
/// same time; without a clock, reading "now" throws. Parsing and offsets use a fixed zone and the invariant culture.
/// </summary>
internal sealed class SandboxTimeSystem(TimeProvider? clock, TimeZoneInfo zone) : ITimeSystem
{
    private readonly DefaultTimeSystem _inner = new(zone, CultureInfo.InvariantCulture);

    public const string NoClockMessage =
        "Date.now() and new Date() without arguments are unavailable: expressions must not read the wall clock (pass a date, or configure ExpressionOptions.Clock)";

    public TimeZoneInfo DefaultTimeZone => zone;

    public DateTimeOffset GetUtcNow() =>
        clock?.GetUtcNow() ?? throw new ClockUnavailableException(NoClockMessage);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => _inner.GetUtcOffset(epochMilliseconds);

    public bool TryParse(string date, out long epochMilliseconds) =>
        _inner.TryParse(date, out epochMilliseconds);
}
