// Settings of the Attachments section: size limit, accepted types and where the file-system store writes.
namespace Workflows.Server.Application.Tasks;

/// <summary>Attachment limits (section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    /// <summary>Largest accepted file (default 10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Accepted content types.</summary>
    public List<string> AllowedContentTypes { get; set; } = [];

    /// <summary>The file-system store's folder (relative to the content root; default <c>App_Data/blobs</c>).</summary>
    public string Path { get; set; } = "App_Data/blobs";

    /// <summary>The types accepted when none are configured: PDF, JPEG, PNG and OFD (the Chinese fixed-layout format).</summary>
    public static readonly string[] DefaultTypes =
    [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "application/ofd",
    ];

    /// <summary>The configured types, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveTypes =>
        AllowedContentTypes.Count > 0 ? AllowedContentTypes : DefaultTypes;
}
