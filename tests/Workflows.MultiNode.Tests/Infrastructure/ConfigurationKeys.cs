// The allow-list of configuration keys the application reads, built by scanning its source and appsettings.json.
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>
/// A key is known when appsettings*.json of the server holds it, when the source names it as a string literal
/// (<c>"Hangfire:Storage"</c>), or when its parent is a section the source names and its last part is a property declared in
/// the source (options classes bound to a section). Host keys (ASPNETCORE_*, DOTNET_*, Logging:*) are the framework's.
/// </summary>
public sealed partial class ConfigurationKeys
{
    private readonly HashSet<string> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _literals = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _properties = new(StringComparer.Ordinal);

    /// <summary>Scans src/Workflows.Server and src/Workflows.Data.</summary>
    public static ConfigurationKeys Scan(string root)
    {
        var keys = new ConfigurationKeys();
        foreach (var project in new[] { "Workflows.Server", "Workflows.Data" })
        {
            var folder = Path.Combine(root, "src", project);
            foreach (
                var file in Directory
                    .EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !IsBuildOutput(f))
            )
            {
                var text = File.ReadAllText(file);
                foreach (Match m in Literal().Matches(text))
                    keys._literals.Add(m.Groups[1].Value);
                foreach (Match m in Property().Matches(text))
                    keys._properties.Add(m.Groups[1].Value);
            }
            foreach (
                var json in Directory
                    .EnumerateFiles(folder, "appsettings*.json")
                    .Where(f => !IsBuildOutput(f))
            )
                Flatten(JsonDocument.Parse(File.ReadAllText(json)).RootElement, "", keys._keys);
        }
        return keys;
    }

    /// <summary>True when the environment variable (<c>A__B</c>) or key (<c>A:B</c>) is read by the application.</summary>
    public bool IsKnown(string variable)
    {
        if (
            variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || variable.StartsWith("DOTNET_", StringComparison.Ordinal)
        )
            return true;
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (
            key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase)
            || _keys.Contains(key)
            || _literals.Contains(key)
        )
            return true;
        var colon = key.LastIndexOf(':');
        return colon > 0
            && _literals.Contains(key[..colon])
            && _properties.Contains(key[(colon + 1)..]);
    }

    private static bool IsBuildOutput(string path) =>
        path.Contains(
            $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal
        )
        || path.Contains(
            $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal
        )
        || path.Contains(
            $"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal
        );

    private static void Flatten(JsonElement element, string prefix, HashSet<string> into)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            into.Add(prefix);
            return;
        }
        foreach (var p in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? p.Name : $"{prefix}:{p.Name}";
            into.Add(key);
            Flatten(p.Value, key, into);
        }
    }

    [GeneratedRegex("\"([A-Za-z_][A-Za-z0-9_.:]*)\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"public\s+[\w<>\[\]?,\s]+?\s(\w+)\s*\{\s*get;")]
    private static partial Regex Property();
}
