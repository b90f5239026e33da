// Keyset pagination cursors for the inbox: the sort key and id of the last row, opaque to clients.
using System.Globalization;
using System.Text;

namespace Workflows.Server.Application.Tasks;

/// <summary>The position after which the next page starts: the last row's sort value (ticks, priority or null) and id.</summary>
public sealed record TaskCursor(string Sort, long? Value, string Id)
{
    /// <summary>Encodes as URL-safe base64.</summary>
    public string Encode() =>
        Convert
            .ToBase64String(
                Encoding.UTF8.GetBytes(
                    $"{Sort}|{Value?.ToString(CultureInfo.InvariantCulture) ?? ""}|{Id}"
                )
            )
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');

    /// <summary>Decodes a cursor made for <paramref name="sort"/>; null when it is malformed or for another sort.</summary>
    public static TaskCursor? Decode(string text, string sort)
    {
        try
        {
            var b64 = text.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - b64.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(b64)).Split('|', 3);
            if (parts.Length != 3 || parts[0] != sort)
                return null;
            long? value =
                parts[1].Length == 0 ? null : long.Parse(parts[1], CultureInfo.InvariantCulture);
            return new TaskCursor(parts[0], value, parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
