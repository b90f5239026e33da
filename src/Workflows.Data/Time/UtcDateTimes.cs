// Keeps every DateTimeOffset written to the database in UTC, whatever the provider.
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Workflows.Data.Time;

/// <summary>
/// UTC helpers. PostgreSQL (Npgsql) only accepts offset zero for <c>timestamptz</c> and throws otherwise;
/// SQLite keeps UTC ticks only. The application writes <c>TimeProvider.GetUtcNow()</c>, and
/// <see cref="WorkflowsDbContext"/> calls <see cref="Normalize"/> before saving as a safety net.
/// Query parameters are not normalized: compare with UTC values (<see cref="ToUtc"/>), or Npgsql throws.
/// Precision differs by provider: PostgreSQL keeps microseconds, SQLite (ticks) and SQL Server (datetimeoffset(7)) 100 ns.
/// </summary>
public static class UtcDateTimes
{
    /// <summary>The same instant with offset zero.</summary>
    public static DateTimeOffset ToUtc(this DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero ? value : value.ToUniversalTime();

    /// <summary>Converts every added or modified <see cref="DateTimeOffset"/> property with a non-zero offset to UTC (same instant).</summary>
    /// <remarks>
    /// Runs before every save, so it only looks at what can need it: the <see cref="DateTimeOffset"/> properties of each
    /// entity type (listed once per type) and, of a modified row, only the modified ones — an unmodified value was read
    /// back (offset zero) and is not written anyway. Call it with the changes already detected.
    /// </remarks>
    public static void Normalize(ChangeTracker changeTracker)
    {
        foreach (var entry in changeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (
                var metadata in DateTimeOffsetProperties.GetValue(
                    entry.Metadata,
                    static type => type.GetProperties().Where(IsDateTimeOffset).ToArray()
                )
            )
            {
                var property = entry.Property(metadata);
                if (
                    (entry.State == EntityState.Added || property.IsModified)
                    && property.CurrentValue is DateTimeOffset value
                    && value.Offset != TimeSpan.Zero
                )
                {
                    property.CurrentValue = value.ToUniversalTime();
                }
            }
        }
    }

    private static readonly ConditionalWeakTable<
        IEntityType,
        IProperty[]
    > DateTimeOffsetProperties = new();

    private static bool IsDateTimeOffset(IProperty property) =>
        (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType)
        == typeof(DateTimeOffset);
}
