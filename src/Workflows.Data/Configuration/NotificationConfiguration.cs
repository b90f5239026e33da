// Table Notifications: unique dedup key (a reminder job run twice notifies once); per-user unread lookups.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<NotificationEntity>
{
    public void Configure(EntityTypeBuilder<NotificationEntity> e)
    {
        e.ToTable("Notifications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Recipient).HasMaxLength(ColumnLengths.UserId).IsRequired();
        e.Property(x => x.Channel).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.Kind).HasMaxLength(ColumnLengths.Action).IsRequired();
        e.Property(x => x.Subject).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.Property(x => x.Body).IsRequired();
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.DedupKey)
            .HasMaxLength(ColumnLengths.Key + ColumnLengths.EngineId)
            .IsRequired();
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.HasIndex(x => x.DedupKey).IsUnique();
        e.HasIndex(x => new
        {
            x.Recipient,
            x.Channel,
            x.ReadAt,
            x.Id,
        });
        e.HasIndex(x => new { x.Status, x.Channel });
    }
}
