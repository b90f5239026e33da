// Tables for the clerk's work on a case: comments, attachments (materials), supplement notices, idempotent requests.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskCommentEntity>
{
    public void Configure(EntityTypeBuilder<TaskCommentEntity> e)
    {
        e.ToTable("TaskComments");
        e.HasKey(x => x.Id);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.Author).HasMaxLength(ColumnLengths.UserId).IsRequired();
        e.Property(x => x.Text).IsRequired();
        e.HasIndex(x => new { x.InstanceId, x.Id });
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<AttachmentEntity>
{
    public void Configure(EntityTypeBuilder<AttachmentEntity> e)
    {
        e.ToTable("Attachments");
        e.HasKey(x => x.Id);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.MaterialKey).HasMaxLength(ColumnLengths.Key);
        e.Property(x => x.FileName).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.Property(x => x.ContentType).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.Sha256).HasMaxLength(ColumnLengths.Sha256Hex).IsRequired();
        e.Property(x => x.StorageKey).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.Property(x => x.UploadedBy).HasMaxLength(ColumnLengths.UserId).IsRequired();
        e.HasIndex(x => x.InstanceId);
    }
}

internal sealed class SupplementNoticeConfiguration
    : IEntityTypeConfiguration<SupplementNoticeEntity>
{
    public void Configure(EntityTypeBuilder<SupplementNoticeEntity> e)
    {
        e.ToTable("SupplementNotices");
        e.HasKey(x => x.Id);
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId).IsRequired();
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId).IsRequired();
        e.Property(x => x.ItemsJson).IsRequired();
        e.Property(x => x.IssuedBy).HasMaxLength(ColumnLengths.UserId).IsRequired();
        e.Property(x => x.AnsweredBy).HasMaxLength(ColumnLengths.UserId);
        e.HasIndex(x => new { x.InstanceId, x.ElementId });
        e.HasIndex(x => x.TaskId);
    }
}

internal sealed class IdempotencyRecordConfiguration
    : IEntityTypeConfiguration<IdempotencyRecordEntity>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecordEntity> e)
    {
        e.ToTable("IdempotencyRecords");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(ColumnLengths.UserId + ColumnLengths.Key);
        e.Property(x => x.Request).HasMaxLength(ColumnLengths.Name).IsRequired();
        e.HasIndex(x => x.At);
    }
}
