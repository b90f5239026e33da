// Table AuditEvents: read per instance in append order, or by time range.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEventEntity>
{
    public void Configure(EntityTypeBuilder<AuditEventEntity> e)
    {
        e.ToTable("AuditEvents");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Actor).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.Action).HasMaxLength(ColumnLengths.Action).IsRequired();
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId);
        e.HasIndex(x => new { x.InstanceId, x.Id });
        e.HasIndex(x => x.At);
    }
}
