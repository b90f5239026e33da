// Stores materials uploaded on a task or with a supplement answer: limits, type checks, checksums, audit.
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Attachment rules: a file larger than <see cref="AttachmentOptions.MaxBytes"/> is a 413; a content type outside the
/// allowed list, or content whose first bytes do not match the declared type, is a 415; the file name is sanitized and
/// the storage key is a fresh GUID path; the SHA-256 is stored and checked again on every download.
/// </summary>
public sealed class AttachmentService(
    WorkflowsDbContext db,
    IBlobStore blobs,
    IOptions<AttachmentOptions> options,
    TimeProvider time
)
{
    /// <summary>Stores one uploaded file (not yet saved: the caller's SaveChanges commits the row and its audit event).</summary>
    public async Task<AttachmentEntity> StoreAsync(
        Guid instanceId,
        string? taskId,
        string? materialKey,
        IFormFile file,
        string actor,
        CancellationToken ct
    )
    {
        var limits = options.Value;
        if (file.Length > limits.MaxBytes)
            throw new HttpProblemException(
                413,
                "Payload too large",
                $"'{file.FileName}' has {file.Length} bytes; the limit is {limits.MaxBytes}.",
                "file"
            );
        if (file.Length == 0)
            throw new HttpProblemException(400, "Empty file", "The file is empty.", "file");
        var name =
            FileNames.Sanitize(file.FileName)
            ?? throw new HttpProblemException(
                400,
                "Bad file name",
                "The file name is empty or unusable.",
                "file"
            );
        var type = (file.ContentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!limits.EffectiveTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
            throw new HttpProblemException(
                415,
                "Unsupported media type",
                $"'{type}' is not accepted; allowed: {string.Join(", ", limits.EffectiveTypes)}.",
                "file"
            );
        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (!ContentSniffer.Matches(type, bytes))
            throw new HttpProblemException(
                415,
                "Unsupported media type",
                $"The content of '{name}' is not {type}.",
                "file"
            );
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var key = $"{now:yyyy}/{now:MM}/{id:N}";
        await blobs.PutAsync(key, new MemoryStream(bytes), ct);
        var entity = new AttachmentEntity
        {
            Id = id,
            InstanceId = instanceId,
            TaskId = taskId,
            MaterialKey = materialKey,
            FileName = name,
            ContentType = type,
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            StorageKey = key,
            UploadedBy = actor,
            UploadedAt = now,
        };
        db.Attachments.Add(entity);
        db.AuditEvents.Add(
            new AuditEventEntity
            {
                At = now,
                Actor = actor,
                Action = "attachment.added",
                InstanceId = instanceId,
                TaskId = taskId,
                DataJson = System.Text.Json.JsonSerializer.Serialize(
                    new
                    {
                        after = new
                        {
                            entity.Id,
                            entity.FileName,
                            entity.ContentType,
                            entity.Size,
                            entity.Sha256,
                            entity.MaterialKey,
                        },
                    }
                ),
            }
        );
        return entity;
    }

    /// <summary>The attachments of a case (optionally of one task), oldest first.</summary>
    public Task<List<AttachmentEntity>> ListAsync(
        Guid instanceId,
        string? taskId,
        CancellationToken ct
    ) =>
        db
            .Attachments.AsNoTracking()
            .Where(a => a.InstanceId == instanceId && (taskId == null || a.TaskId == taskId))
            .OrderBy(a => a.UploadedAt)
            .ThenBy(a => a.Id)
            .ToListAsync(ct);

    /// <summary>The attachment and its verified content.</summary>
    /// <exception cref="NotFoundException">No such attachment, or its case or task is not visible to the user.</exception>
    /// <exception cref="HttpProblemException">The stored bytes no longer match the checksum (500).</exception>
    public async Task<(AttachmentEntity Attachment, byte[] Content)> DownloadAsync(
        Guid id,
        CurrentUser user,
        CancellationToken ct
    )
    {
        var attachment =
            await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw new NotFoundException($"Attachment {id} does not exist.");
        var instance = await db
            .Instances.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == attachment.InstanceId, ct);
        if (instance is null || !await CaseAccess.CanReadAsync(db, user, instance, ct))
            throw new NotFoundException($"Attachment {id} does not exist.");
        await using var stream =
            await blobs.OpenAsync(attachment.StorageKey, ct)
            ?? throw new HttpProblemException(
                500,
                "Attachment missing",
                $"The content of attachment {id} is missing from the store."
            );
        await using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (
            !string.Equals(
                Convert.ToHexStringLower(SHA256.HashData(bytes)),
                attachment.Sha256,
                StringComparison.Ordinal
            )
        )
            throw new HttpProblemException(
                500,
                "Attachment corrupted",
                $"The stored content of attachment {id} does not match its SHA-256 checksum."
            );
        return (attachment, bytes);
    }
}
