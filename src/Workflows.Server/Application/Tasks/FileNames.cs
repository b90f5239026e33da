// Makes a client-supplied file name safe to show and to offer back on download.
using System.Text;

namespace Workflows.Server.Application.Tasks;

/// <summary>
/// Sanitizes uploaded file names: directories (either slash), control characters including NUL, leading dots and
/// reserved characters are stripped; names are cut to 150 characters keeping the extension. The result is only ever
/// displayed — storage keys never derive from it.
/// </summary>
public static class FileNames
{
    /// <summary>The longest name kept.</summary>
    public const int MaxLength = 150;

    private static readonly char[] Reserved = ['<', '>', ':', '"', '|', '?', '*', ';'];

    /// <summary>The safe name, or null when nothing usable is left.</summary>
    public static string? Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var last =
            name.Replace('\\', '/')
                .Split('/', StringSplitOptions.RemoveEmptyEntries)
                .LastOrDefault()
            ?? "";
        var sb = new StringBuilder(last.Length);
        foreach (var c in last)
            if (
                !char.IsControl(c)
                && !Reserved.Contains(c)
                && c is not ('\u202E' or '\u202D' or '\u200E' or '\u200F')
            )
                sb.Append(c);
        var clean = sb.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length == 0)
            return null;
        if (clean.Length > MaxLength)
        {
            var ext = Path.GetExtension(clean);
            if (ext.Length > 10)
                ext = "";
            clean = clean[..(MaxLength - ext.Length)] + ext;
        }
        return clean;
    }
}
