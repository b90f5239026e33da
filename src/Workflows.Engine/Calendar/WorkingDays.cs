// A limit counted in working days (工作日), written "5WD" in procedure files.
using System.Globalization;
using System.Text.RegularExpressions;

namespace Workflows.Engine.Calendar;

/// <summary>A whole number of working days (工作日), e.g. <c>5WD</c>. Never negative.</summary>
public readonly partial record struct WorkingDays : IComparable<WorkingDays>
{
    /// <summary>Creates a count of working days.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public WorkingDays(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Value = value;
    }

    /// <summary>The number of working days.</summary>
    public int Value { get; }

    /// <summary>Zero working days: due at the close of the start day (or the next working day).</summary>
    public static WorkingDays Zero => default;

    /// <summary>Adds two counts.</summary>
    public static WorkingDays operator +(WorkingDays a, WorkingDays b) =>
        new(checked(a.Value + b.Value));

    /// <summary>True when the text is a working-day limit (<c>NWD</c>, case-insensitive), whole or not.</summary>
    public static bool LooksLikeWorkingDays(string text) => LooseForm().IsMatch(text.Trim());

    /// <summary>Parses <c>NWD</c> (e.g. <c>5WD</c>, <c>0WD</c>; case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="FormatException">Not a whole, non-negative number of working days; half days (<c>0.5WD</c>)
    /// are rejected: write <c>PT4H</c> for half a day.</exception>
    public static WorkingDays Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var strict = StrictForm().Match(trimmed);
        if (
            strict.Success
            && int.TryParse(
                strict.Groups[1].Value,
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var n
            )
        )
            return new WorkingDays(n);
        if (LooseForm().IsMatch(trimmed))
            throw new FormatException(
                $"'{text}' is not a whole number of working days: write e.g. '5WD'; for half a day use an ISO 8601 duration such as 'PT4H'."
            );
        throw new FormatException(
            $"'{text}' is not a working-day limit: expected a whole number followed by WD, e.g. '5WD'."
        );
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out WorkingDays result)
    {
        result = default;
        if (text is null)
            return false;
        var strict = StrictForm().Match(text.Trim());
        if (
            !strict.Success
            || !int.TryParse(
                strict.Groups[1].Value,
                NumberStyles.None,
                CultureInfo.InvariantCulture,
                out var n
            )
        )
            return false;
        result = new WorkingDays(n);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(WorkingDays other) => Value.CompareTo(other.Value);

    /// <summary>The canonical form, e.g. <c>5WD</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + "WD";

    [GeneratedRegex(@"^(\d{1,6})\s*WD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrictForm();

    [GeneratedRegex(
        @"^[+-]?[\d.,]+\s*WD$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex LooseForm();
}
