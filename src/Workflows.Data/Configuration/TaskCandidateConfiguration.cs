// Table TaskCandidates: "open tasks for my groups" is an index seek on (Kind, Value) joined to Tasks.
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
        e.HasOne<TaskEntity>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.Kind, x.Value, x.TaskId });
        e.HasIndex(x => x.TaskId);
    }
}
