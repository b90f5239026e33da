// Table Timers: the reconciler and the poller read pending timers by due date.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerEntity>
{
    public void Configure(EntityTypeBuilder<TimerEntity> e)
    {
        e.ToTable("Timers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId);
        e.Property(x => x.Kind).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.LockedBy).HasMaxLength(ColumnLengths.NodeId);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.Status, x.DueAt });
        e.HasIndex(x => x.InstanceId);
    }
}
