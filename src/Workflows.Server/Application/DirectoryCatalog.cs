using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflows.Server.Application;

/// <summary>The bureaus, groups and demo users of <c>workflows/directory.json</c>.</summary>
public sealed class DirectoryCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads the directory file; an empty directory when there is none.</summary>
    public DirectoryCatalog(CatalogPaths paths)
    {
        var file = paths.Root is null ? null : Path.Combine(paths.Root, "directory.json");
        if (file is null || !File.Exists(file))
            return;
        var doc =
            JsonSerializer.Deserialize<DirectoryDocument>(File.ReadAllText(file), Json)
            ?? new DirectoryDocument();
        Bureaus = doc.Bureaus;
        Groups = doc.Groups;
        Users = doc.Users;
    }

    /// <summary>Every bureau.</summary>
    public IReadOnlyList<BureauEntry> Bureaus { get; } = [];

    /// <summary>Every group.</summary>
    public IReadOnlyList<GroupEntry> Groups { get; } = [];

    /// <summary>The demo users (seeded in demo mode only).</summary>
    public IReadOnlyList<UserEntry> Users { get; } = [];

    /// <summary>Every group id.</summary>
    public IReadOnlySet<string> GroupIds =>
        Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    private sealed class DirectoryDocument
    {
        public List<BureauEntry> Bureaus { get; set; } = [];
        public List<GroupEntry> Groups { get; set; } = [];
        public List<UserEntry> Users { get; set; } = [];
    }
}

/// <summary>A bureau (委办局) with its code and bilingual name.</summary>
public sealed record BureauEntry(string Code, string Name, string NameEn);

/// <summary>A candidate group such as <c>bureau:kjj/reviewer</c>.</summary>
public sealed record GroupEntry(string Id, string Name, string NameEn, string? Bureau);

/// <summary>A directory user.</summary>
public sealed record UserEntry(
    string UserName,
    string DisplayName,
    string? Bureau,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Groups,
    [property: JsonPropertyName("email")] string? Email = null
);
