// SQLite storage of DateTimeOffset as UTC ticks, so ORDER BY and range filters run in SQL.
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Data.Time;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks (an INTEGER on SQLite). The offset is not kept:
/// values read back are in UTC, which is what the application writes anyway.
/// </summary>
public sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    /// <summary>Creates the converter.</summary>
    public UtcTicksConverter()
        : base(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)) { }
}
