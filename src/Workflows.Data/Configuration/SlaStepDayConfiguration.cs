// Table SlaStepDays: one row per (day, procedure, step, bureau), found by its unique key when a clock stops.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class SlaStepDayConfiguration : IEntityTypeConfiguration<SlaStepDayEntity>
{
    public void Configure(EntityTypeBuilder<SlaStepDayEntity> e)
    {
        e.ToTable("SlaStepDays");
        e.HasKey(x => x.Id);
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId).IsRequired();
        e.Property(x => x.Bureau).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        // The upsert's conflict target; a short period reads its range of days from it.
        e.HasIndex(x => new
            {
                x.Day,
                x.DefinitionKey,
                x.ElementId,
                x.Bureau,
            })
            .IsUnique();
        // A long period reads the rows in the chart's group order with every column it needs: no sort, no table read.
        e.HasIndex(x => new
            {
                x.DefinitionKey,
                x.ElementId,
                x.Day,
                x.Bureau,
                x.Clocks,
                x.WorkingDays,
                x.TaskId,
            })
            .HasDatabaseName("IX_SlaStepDays_Steps");
    }
}
