// Table Definitions: one row per (Key, Version).
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class DefinitionConfiguration : IEntityTypeConfiguration<DefinitionEntity>
{
    public void Configure(EntityTypeBuilder<DefinitionEntity> e)
    {
        e.ToTable("Definitions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.Name).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.NameEn).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.ContentHash)
            .HasMaxLength(ColumnLengths.Sha256Hex)
            .IsFixedLength(false)
            .IsRequired();
        e.Property(x => x.Xml).IsRequired();
        e.Property(x => x.DeployedBy).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.HasIndex(x => new { x.Key, x.Version }).IsUnique();
        e.HasIndex(x => new { x.Key, x.ContentHash });
    }
}
