// Table Instances: Version is the optimistic concurrency token the application increments.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<InstanceEntity>
{
    public void Configure(EntityTypeBuilder<InstanceEntity> e)
    {
        e.ToTable("Instances");
        e.HasKey(x => x.Id);
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.BusinessKey).HasMaxLength(ColumnLengths.BusinessKey);
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.StateJson).IsRequired();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Property(x => x.StartedBy).HasMaxLength(ColumnLengths.UserId);
        // Instances outlive nothing: a definition version that has instances cannot be deleted.
        e.HasOne<DefinitionEntity>()
            .WithMany()
            .HasForeignKey(x => x.DefinitionId)
            .OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.DefinitionKey, x.Status });
        e.HasIndex(x => x.BusinessKey);
        e.HasIndex(x => x.ParentInstanceId);
        e.Property(x => x.ApplicantName).HasMaxLength(ColumnLengths.Name);
        e.HasIndex(x => new { x.StartedBy, x.CreatedAt });
    }
}
