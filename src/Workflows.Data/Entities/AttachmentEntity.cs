// An attached file (material) stored in the blob store, with its checksum.
namespace Workflows.Data.Entities;

/// <summary>One attachment.</summary>
public class AttachmentEntity
{
    /// <summary>Attachment id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task it was attached on, if any.</summary>
    public string? TaskId { get; set; }

    /// <summary>The materials checklist item it satisfies, if any.</summary>
    public string? MaterialKey { get; set; }

    /// <summary>The sanitized file name.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The content type.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>SHA-256, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The blob store's key.</summary>
    public string StorageKey { get; set; } = "";

    /// <summary>Uploader user name.</summary>
    public string UploadedBy { get; set; } = "";

    /// <summary>When (UTC).</summary>
    public DateTimeOffset UploadedAt { get; set; }
}
