// Table Groups.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<GroupEntity>
{
    public void Configure(EntityTypeBuilder<GroupEntity> e)
    {
        e.ToTable("Groups");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(ColumnLengths.GroupId);
        e.Property(x => x.Name).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.Property(x => x.NameEn).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.Property(x => x.BureauCode).HasMaxLength(ColumnLengths.Kind);
    }
}
