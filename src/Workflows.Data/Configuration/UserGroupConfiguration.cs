// Table UserGroups: membership rows vanish with their user or group.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class UserGroupConfiguration : IEntityTypeConfiguration<UserGroupEntity>
{
    public void Configure(EntityTypeBuilder<UserGroupEntity> e)
    {
        e.ToTable("UserGroups");
        e.HasKey(x => new { x.UserId, x.GroupId });
        e.Property(x => x.UserId).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.GroupId).HasMaxLength(ColumnLengths.GroupId);
        e.HasOne<AppUser>()
            .WithMany()
            .HasForeignKey(x => x.UserId)
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<GroupEntity>()
            .WithMany()
            .HasForeignKey(x => x.GroupId)
            .OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.GroupId);
    }
}
