// Table Outbox: the unique IdempotencyKey makes a replayed effect a detectable duplicate.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxEntity>
{
    public void Configure(EntityTypeBuilder<OutboxEntity> e)
    {
        e.ToTable("Outbox");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.Type).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.PayloadJson).IsRequired();
        e.Property(x => x.IdempotencyKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.HasIndex(x => x.IdempotencyKey).IsUnique();
        e.HasIndex(x => new { x.DispatchedAt, x.Id });
    }
}
