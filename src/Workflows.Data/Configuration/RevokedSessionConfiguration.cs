// Table RevokedSessions: read by session id on every node (cached), trimmed by expiry.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class RevokedSessionConfiguration : IEntityTypeConfiguration<RevokedSessionEntity>
{
    public void Configure(EntityTypeBuilder<RevokedSessionEntity> e)
    {
        e.ToTable("RevokedSessions");
        e.HasKey(x => x.SessionId);
        e.Property(x => x.SessionId).HasMaxLength(ColumnLengths.Key);
        e.Property(x => x.UserName).HasMaxLength(ColumnLengths.Name);
        e.HasIndex(x => x.ExpiresAt);
    }
}
