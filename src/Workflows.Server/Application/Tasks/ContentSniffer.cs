// Checks that an upload's first bytes match its declared type, so a renamed executable is not stored as a "PDF".
namespace Workflows.Server.Application.Tasks;

/// <summary>Magic-number checks for the accepted types; unknown configured types are accepted on their declaration.</summary>
public static class ContentSniffer
{
    /// <summary>True when the content plausibly is <paramref name="contentType"/>.</summary>
    public static bool Matches(string contentType, ReadOnlySpan<byte> content) =>
        contentType switch
        {
            "application/pdf" => content.StartsWith("%PDF-"u8),
            "image/jpeg" => content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
            "image/png" => content.StartsWith(
                (ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            ),
            "application/ofd" => content.StartsWith("PK\u0003\u0004"u8),
            _ => true,
        };
}
