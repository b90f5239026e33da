// An ISO 8601 repeating interval: R3/PT1H, R/P1D, or R2/2025-01-01T09:00:00+08:00/P1D.
using System.Globalization;

namespace Workflows.Engine.Runtime.Execution;

internal sealed record TimerCycle(int? Repetitions, DateTimeOffset? Start, string Interval)
{
    public static TimerCycle Parse(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length is < 2 or > 3 || !parts[0].StartsWith('R'))
        {
            throw new FormatException($"'{text}' is not a repeating interval such as R3/PT1H.");
        }

        int? count =
            parts[0].Length == 1 ? null : int.Parse(parts[0][1..], CultureInfo.InvariantCulture);
        DateTimeOffset? start =
            parts.Length == 3 ? DateTimeOffset.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        return new TimerCycle(count, start, parts[^1]);
    }
}
