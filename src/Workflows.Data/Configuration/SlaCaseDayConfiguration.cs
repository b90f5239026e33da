// Table SlaCaseDays: one row per histogram bucket and day, found by its unique key when a case clock stops.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class SlaCaseDayConfiguration : IEntityTypeConfiguration<SlaCaseDayEntity>
{
    public void Configure(EntityTypeBuilder<SlaCaseDayEntity> e)
    {
        e.ToTable("SlaCaseDays");
        e.HasKey(x => x.Id);
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.Bureau).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.Limit).HasMaxLength(ColumnLengths.Kind).IsRequired();
        // The upsert's conflict target; a short period reads its range of days from it.
        e.HasIndex(x => new
            {
                x.Day,
                x.DefinitionKey,
                x.Bureau,
                x.Limit,
                x.Late,
                x.WorkingDaysUsed,
            })
            .IsUnique();
        // A long period reads the rows in the chart's group order with every column it needs: no sort, no table read.
        e.HasIndex(x => new
            {
                x.DefinitionKey,
                x.Limit,
                x.Late,
                x.WorkingDaysUsed,
                x.Day,
                x.Bureau,
                x.Clocks,
            })
            .HasDatabaseName("IX_SlaCaseDays_Histogram");
    }
}
