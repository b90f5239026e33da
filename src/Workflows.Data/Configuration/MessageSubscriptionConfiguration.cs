// Table MessageSubscriptions: correlation looks up (MessageName, CorrelationKey).
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class MessageSubscriptionConfiguration
    : IEntityTypeConfiguration<MessageSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<MessageSubscriptionEntity> e)
    {
        e.ToTable("MessageSubscriptions");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId).IsRequired();
        e.Property(x => x.MessageName).HasMaxLength(ColumnLengths.MessageName).IsRequired();
        e.Property(x => x.CorrelationKey).HasMaxLength(ColumnLengths.CorrelationKey);
        e.HasIndex(x => new { x.MessageName, x.CorrelationKey });
        e.HasIndex(x => x.InstanceId);
    }
}
