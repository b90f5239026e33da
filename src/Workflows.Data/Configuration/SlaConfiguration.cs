// Tables SlaClocks and SupervisionRecords: indexed for the dashboard (by level, bureau, procedure) and the due sweep.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClockEntity>
{
    public void Configure(EntityTypeBuilder<SlaClockEntity> e)
    {
        e.ToTable("SlaClocks");
        e.HasKey(x => x.Id);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.Kind).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId);
        e.Property(x => x.Bureau).HasMaxLength(ColumnLengths.Kind);
        e.Property(x => x.Limit).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.StatutoryLimit).HasMaxLength(ColumnLengths.Kind);
        e.Property(x => x.Warning).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.ClockJson).IsRequired();
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.Level).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.InstanceId, x.Kind });
        e.HasIndex(x => x.TaskId);
        e.HasIndex(x => new { x.Status, x.Level, x.Bureau });
        e.HasIndex(x => new { x.DefinitionKey, x.StoppedAt });
    }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecordEntity>
{
    public void Configure(EntityTypeBuilder<SupervisionRecordEntity> e)
    {
        e.ToTable("SupervisionRecords");
        e.HasKey(x => x.Id);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId);
        e.Property(x => x.Bureau).HasMaxLength(ColumnLengths.Kind);
        e.Property(x => x.Responsible).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.ClosedBy).HasMaxLength(ColumnLengths.UserId);
        // One record per breached clock: the breach job may run twice.
        e.HasIndex(x => x.ClockId).IsUnique();
        e.HasIndex(x => new { x.Status, x.BreachedAt });
        e.HasIndex(x => x.InstanceId);
    }
}
