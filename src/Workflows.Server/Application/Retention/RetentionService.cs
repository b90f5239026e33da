using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;

namespace Workflows.Server.Application.Retention;

/// <summary>
/// Retention of history and audit: cases that ended before a cutoff are written, whole (instance, tasks, audit trail,
/// comments, supplement notices, clocks, supervision records, attachment metadata), to a gzip JSON-lines archive file,
/// and then removed from the database in the same batch. The file is flushed before the rows are deleted, so a crash
/// leaves a case archived twice at worst, never lost. Attachment blobs stay in the blob store (the archive keeps their
/// keys and checksums).
/// </summary>
public sealed class RetentionService(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    IHostEnvironment environment,
    TimeProvider time
)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Archives (and unless <paramref name="dryRun"/>, removes) every case that ended before <paramref name="cutoff"/>.</summary>
    /// <returns>How many cases were archived and the archive file (null on a dry run or when there was nothing).</returns>
    public async Task<RetentionResult> ArchiveAsync(
        DateTimeOffset cutoff,
        bool dryRun,
        CancellationToken ct = default
    )
    {
        var utcCutoff = cutoff.ToUniversalTime();
        if (dryRun)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            return new RetentionResult(
                await db.Instances.CountAsync(i => i.EndedAt != null && i.EndedAt < utcCutoff, ct),
                null
            );
        }
        var folder = ArchiveFolder();
        Directory.CreateDirectory(folder);
        var file = Path.Combine(
            folder,
            $"archive-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.jsonl.gz"
        );
        var total = 0;
        await using (var stream = new GZipStream(File.Create(file), CompressionLevel.Optimal))
        await using (var writer = new StreamWriter(stream))
        {
            while (true)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                var batch = await db
                    .Instances.AsNoTracking()
                    .Where(i => i.EndedAt != null && i.EndedAt < utcCutoff)
                    .OrderBy(i => i.EndedAt)
                    .ThenBy(i => i.Id)
                    .Take(Math.Max(1, options.Value.BatchSize))
                    .ToListAsync(ct);
                if (batch.Count == 0)
                    break;
                foreach (var instance in batch)
                    await writer.WriteLineAsync(
                        JsonSerializer.Serialize(await SnapshotAsync(db, instance, ct), Json)
                    );
                await writer.FlushAsync(ct);
                await DeleteAsync(db, batch.Select(i => i.Id).ToList(), ct);
                total += batch.Count;
            }
        }
        if (total == 0)
        {
            File.Delete(file);
            return new RetentionResult(0, null);
        }
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            db.AuditEvents.Add(
                new AuditEventEntity
                {
                    At = time.GetUtcNow(),
                    Actor = "system",
                    Action = "retention.archived",
                    DataJson = new JsonObject
                    {
                        ["cases"] = total,
                        ["cutoff"] = utcCutoff,
                        ["file"] = Path.GetFileName(file),
                    }.ToJsonString(),
                }
            );
            await db.SaveChangesAsync(ct);
        }
        return new RetentionResult(total, file);
    }

    /// <summary>
    /// The recurring job: archives per <see cref="RetentionOptions.EndedInstanceDays"/> (nothing when it is 0) and forgets
    /// idempotency answers per <see cref="RetentionOptions.IdempotencyHours"/> (nothing when it is 0).
    /// </summary>
    public async Task RunScheduledAsync()
    {
        var now = time.GetUtcNow();
        if (options.Value.IdempotencyHours > 0)
            await ForgetIdempotencyRecordsAsync(now.AddHours(-options.Value.IdempotencyHours));
        var days = options.Value.EndedInstanceDays;
        if (days > 0)
            await ArchiveAsync(now.AddDays(-days), dryRun: false);
    }

    /// <summary>
    /// Removes the remembered answers of requests made before <paramref name="cutoff"/>, and reservations a crash left
    /// behind as old; returns how many. Without it the table would grow by one row per keyed request forever.
    /// </summary>
    public async Task<int> ForgetIdempotencyRecordsAsync(
        DateTimeOffset cutoff,
        CancellationToken ct = default
    )
    {
        var utcCutoff = cutoff.ToUniversalTime();
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        return await db.IdempotencyRecords.Where(r => r.At < utcCutoff).ExecuteDeleteAsync(ct);
    }

    private string ArchiveFolder() =>
        string.IsNullOrWhiteSpace(options.Value.ArchivePath)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "archive")
            : Path.GetFullPath(options.Value.ArchivePath, environment.ContentRootPath);

    private static async Task<object> SnapshotAsync(
        WorkflowsDbContext db,
        InstanceEntity instance,
        CancellationToken ct
    )
    {
        var id = instance.Id;
        return new
        {
            instance,
            tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync(ct),
            audit = await db
                .AuditEvents.AsNoTracking()
                .Where(a => a.InstanceId == id)
                .OrderBy(a => a.Id)
                .ToListAsync(ct),
            comments = await db
                .TaskComments.AsNoTracking()
                .Where(c => c.InstanceId == id)
                .ToListAsync(ct),
            supplementNotices = await db
                .SupplementNotices.AsNoTracking()
                .Where(n => n.InstanceId == id)
                .ToListAsync(ct),
            clocks = await db
                .SlaClocks.AsNoTracking()
                .Where(c => c.InstanceId == id)
                .ToListAsync(ct),
            supervision = await db
                .SupervisionRecords.AsNoTracking()
                .Where(s => s.InstanceId == id)
                .ToListAsync(ct),
            attachments = await db
                .Attachments.AsNoTracking()
                .Where(a => a.InstanceId == id)
                .ToListAsync(ct),
            incidents = await db
                .Incidents.AsNoTracking()
                .Where(i => i.InstanceId == id)
                .ToListAsync(ct),
        };
    }

    private static async Task DeleteAsync(
        WorkflowsDbContext db,
        List<Guid> ids,
        CancellationToken ct
    )
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taskIds = db.Tasks.Where(t => ids.Contains(t.InstanceId)).Select(t => t.Id);
        await db.TaskCandidates.Where(c => taskIds.Contains(c.TaskId)).ExecuteDeleteAsync(ct);
        await db.Tasks.Where(t => ids.Contains(t.InstanceId)).ExecuteDeleteAsync(ct);
        await db
            .AuditEvents.Where(a => a.InstanceId != null && ids.Contains(a.InstanceId.Value))
            .ExecuteDeleteAsync(ct);
        await db.TaskComments.Where(c => ids.Contains(c.InstanceId)).ExecuteDeleteAsync(ct);
        await db.SupplementNotices.Where(n => ids.Contains(n.InstanceId)).ExecuteDeleteAsync(ct);
        // Tracked, not a bulk delete: SaveChanges takes the closed clocks back out of the SlaStepDays rollup in this transaction.
        db.SlaClocks.RemoveRange(
            await db.SlaClocks.Where(c => ids.Contains(c.InstanceId)).ToListAsync(ct)
        );
        await db.SaveChangesAsync(ct);
        await db.SupervisionRecords.Where(s => ids.Contains(s.InstanceId)).ExecuteDeleteAsync(ct);
        await db.Attachments.Where(a => ids.Contains(a.InstanceId)).ExecuteDeleteAsync(ct);
        await db.Incidents.Where(i => ids.Contains(i.InstanceId)).ExecuteDeleteAsync(ct);
        await db
            .Timers.Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value))
            .ExecuteDeleteAsync(ct);
        await db.MessageSubscriptions.Where(s => ids.Contains(s.InstanceId)).ExecuteDeleteAsync(ct);
        await db
            .Outbox.Where(o =>
                o.InstanceId != null && ids.Contains(o.InstanceId.Value) && o.DispatchedAt != null
            )
            .ExecuteDeleteAsync(ct);
        await db
            .Notifications.Where(n => n.InstanceId != null && ids.Contains(n.InstanceId.Value))
            .ExecuteDeleteAsync(ct);
        await db.Instances.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }
}

/// <summary>What an archive run did.</summary>
/// <param name="Cases">Cases archived (or, on a dry run, that would be).</param>
/// <param name="File">The archive file written, if any.</param>
public sealed record RetentionResult(int Cases, string? File);
