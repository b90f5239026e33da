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
        // The upsert's conflict target; the chart reads a range of days with the grouping columns from the same index.
        e.HasIndex(x => new { x.Day, x.DefinitionKey, x.ElementId, x.Bureau }).IsUnique();
    }
}
