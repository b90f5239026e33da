// Table TaskCandidates: a group queue is a range of (Kind, Value, State, DueAt, TaskId), already in due order, and its
// count an index-only scan of the same index; the page then reads its 50 tasks by primary key.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class TaskCandidateConfiguration : IEntityTypeConfiguration<TaskCandidateEntity>
{
    public void Configure(EntityTypeBuilder<TaskCandidateEntity> e)
    {
        e.ToTable("TaskCandidates");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.Property(x => x.TaskId).HasMaxLength(ColumnLengths.EngineId).IsRequired();
        e.Property(x => x.Kind).HasMaxLength(ColumnLengths.Kind).IsRequired();
        e.Property(x => x.Value).HasMaxLength(ColumnLengths.UserId).IsRequired();
        e.HasOne<TaskEntity>()
            .WithMany()
            .HasForeignKey(x => x.TaskId)
            .OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.State).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.HasIndex(x => new
        {
            x.Kind,
            x.Value,
            x.State,
            x.DueAt,
            x.TaskId,
        });
        e.HasIndex(x => x.TaskId);
    }
}
