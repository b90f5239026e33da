// The materials checklists under workflows/materials/, which a supplement notice picks its items from.
using System.Text.Json;

namespace Workflows.Server.Application.Tasks;

/// <summary>Checklists by key (the file name without <c>.json</c>); a process names its list with the property <c>materials</c>.</summary>
public sealed class MaterialsCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
    private readonly Dictionary<string, IReadOnlyList<MaterialItem>> _lists = new(
        StringComparer.Ordinal
    );

    /// <summary>Loads every checklist of the catalogue.</summary>
    public MaterialsCatalog(CatalogPaths paths)
    {
        var dir = paths.Root is null ? null : Path.Combine(paths.Root, "materials");
        if (dir is null || !Directory.Exists(dir))
            return;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
        {
            var doc = JsonSerializer.Deserialize<MaterialsDocument>(File.ReadAllText(file), Json);
            _lists[Path.GetFileNameWithoutExtension(file)] = doc?.Items ?? [];
        }
    }

    /// <summary>A checklist, or null when there is none with this key.</summary>
    public IReadOnlyList<MaterialItem>? Items(string key) => _lists.GetValueOrDefault(key);

    private sealed class MaterialsDocument
    {
        public List<MaterialItem> Items { get; set; } = [];
    }
}

/// <summary>One material of a checklist.</summary>
public sealed record MaterialItem(
    string Key,
    string Name,
    string? NameEn,
    bool Required = true,
    string? Note = null
);
