// Table Incidents.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<IncidentEntity>
{
    public void Configure(EntityTypeBuilder<IncidentEntity> e)
    {
        e.ToTable("Incidents");
        e.HasKey(x => x.Id);
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId);
        e.Property(x => x.TimerId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.Message).IsRequired();
        e.Property(x => x.ResolvedBy).HasMaxLength(ColumnLengths.UserId);
        e.HasIndex(x => x.InstanceId);
    }
}
