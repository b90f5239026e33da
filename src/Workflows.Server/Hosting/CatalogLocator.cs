namespace Workflows.Server.Hosting;

/// <summary>Finds the procedure catalogue folder (<c>workflows/</c>): configured, or the nearest one above the content root.</summary>
public static class CatalogLocator
{
    /// <summary>The catalogue folder, or null when there is none.</summary>
    public static string? Find(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured, contentRoot);
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (File.Exists(Path.Combine(candidate, "directory.json")))
                return candidate;
        }
        return null;
    }
}
