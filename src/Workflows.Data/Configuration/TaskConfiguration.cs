// Table Tasks: indexes shaped for the inbox (by status, assignee, due date, keyset paging on Id).
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflows.Data.Entities;

namespace Workflows.Data.Configuration;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<TaskEntity>
{
    public void Configure(EntityTypeBuilder<TaskEntity> e)
    {
        e.ToTable("Tasks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(ColumnLengths.EngineId);
        e.Property(x => x.ElementId).HasMaxLength(ColumnLengths.ElementId).IsRequired();
        e.Property(x => x.Name).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.NameEn).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.DefinitionKey).HasMaxLength(ColumnLengths.Key).IsRequired();
        e.Property(x => x.BusinessKey).HasMaxLength(ColumnLengths.BusinessKey);
        e.Property(x => x.Status).HasMaxLength(ColumnLengths.Status).IsRequired();
        e.Property(x => x.Assignee).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.Owner).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.FormKey).HasMaxLength(ColumnLengths.FormKey);
        e.Property(x => x.CompletedBy).HasMaxLength(ColumnLengths.UserId);
        e.Property(x => x.CandidateGroups).IsRequired();
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new
        {
            x.Status,
            x.Assignee,
            x.DueAt,
            x.Id,
        });
        e.HasIndex(x => new
        {
            x.Status,
            x.DueAt,
            x.Id,
        });
        e.Property(x => x.ApplicantName).HasMaxLength(ColumnLengths.Name);
        e.Property(x => x.Bureau).HasMaxLength(ColumnLengths.Kind);
        e.Property(x => x.SlaLevel).HasMaxLength(ColumnLengths.Status);
        e.HasIndex(x => x.InstanceId);
        e.HasIndex(x => new
        {
            x.Status,
            x.Bureau,
            x.DueAt,
            x.Id,
        });
        e.HasIndex(x => new
        {
            x.Status,
            x.SlaLevel,
            x.DueAt,
        });
        e.HasIndex(x => x.BusinessKey);
        // Applicant search is a prefix range (>= prefix AND < prefix + U+FFFF) within open tasks.
        e.HasIndex(x => new { x.Status, x.ApplicantName });
        // Few tasks wait for a supplement: the suspended queue and its count start from this small partial index.
        // Double-quoted identifiers are standard SQL (SQL Server too, with QUOTED_IDENTIFIER on, its default).
        e.HasIndex(x => x.SuspendedAt)
            .HasFilter("\"SuspendedAt\" IS NOT NULL")
            .HasDatabaseName("IX_Tasks_Suspended");
    }
}
