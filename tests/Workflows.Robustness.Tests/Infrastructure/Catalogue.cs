// The test catalogue (directory and calendars copied next to the assembly) and the shipped models used as fuzz seeds.
namespace Workflows.Robustness.Tests.Infrastructure;

/// <summary>Files the tests copy or read.</summary>
public static class Catalogue
{
    /// <summary>The shipped BPMN models copied next to the test assembly.</summary>
    public static IReadOnlyList<string> Seeds { get; } =
    [
        .. Directory
            .EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.bpmn")
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The repository root (the nearest folder above the assembly holding Workflows.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Copies directory.json and the calendars into <paramref name="target"/>.</summary>
    public static void CopyTo(string target)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "catalog");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }
    }

    private static string FindRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return dir.FullName;
        // Built with --artifacts-path outside the repository: the project folder recorded at build time.
        var recorded = typeof(Catalogue)
            .Assembly.GetCustomAttributes(
                typeof(System.Reflection.AssemblyMetadataAttribute),
                false
            )
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectFolder")
            ?.Value;
        if (
            recorded is not null
            && File.Exists(Path.Combine(recorded, "..", "..", "Workflows.sln"))
        )
            return Path.GetFullPath(Path.Combine(recorded, "..", ".."));
        throw new InvalidOperationException(
            "Workflows.sln not found above " + AppContext.BaseDirectory
        );
    }
}
