using Workflows.Server.Hosting;

namespace Workflows.Server.Application;

/// <summary>The form-js schemas under <c>workflows/forms/</c>, by form key (the file name without <c>.form.json</c>).</summary>
public sealed class FormCatalog
{
    private readonly Dictionary<string, string> _schemas = new(StringComparer.Ordinal);

    /// <summary>Loads every <c>*.form.json</c> of the catalogue.</summary>
    public FormCatalog(CatalogPaths paths)
    {
        if (paths.Root is null)
            return;
        var dir = Path.Combine(paths.Root, "forms");
        if (!Directory.Exists(dir))
            return;
        foreach (var file in Directory.EnumerateFiles(dir, "*.form.json"))
            _schemas[Path.GetFileName(file)[..^".form.json".Length]] = File.ReadAllText(file);
    }

    /// <summary>Every form key.</summary>
    public IReadOnlySet<string> Keys => _schemas.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The schema JSON of a form, or null.</summary>
    public string? Schema(string key) => _schemas.GetValueOrDefault(key);
}
