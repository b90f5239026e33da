// Table Drafts: designer documents (process drafts, form versions), one row per (Kind, Key, Version).
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<DraftEntity>
{
    public void Configure(EntityTypeBuilder<DraftEntity> e)
    {
        e.ToTable("Drafts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.Key).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.Content).IsRequired();
        e.Property(x => x.ContentHash).HasMaxLength(ColumnLengths.Sha256Hex).IsRequired();
        e.Property(x => x.SavedBy).HasMaxLength(ColumnLengths.UserId);
        e.HasIndex(x => new
            {
                x.Kind,
                x.Key,
                x.Version,
            })
            .IsUnique();
    }
}
