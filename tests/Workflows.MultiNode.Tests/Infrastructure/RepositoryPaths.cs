// Where the repository, the server's build output and the test catalogue are, found from the test assembly's folder.
using System.Reflection;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Paths the specs need.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test assembly holding Workflows.sln, else the one it was built from.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The catalogue (directory.json and calendars) copied next to the test assembly.</summary>
    public static string TestCatalog => Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>
    /// The folder of the built Workflows.Server.dll with its runtimeconfig: the server's own output (artifacts layout
    /// <c>bin/Workflows.Server/&lt;config&gt;</c> or <c>src/Workflows.Server/bin/&lt;Config&gt;/&lt;tfm&gt;</c>), else the copy next to the tests.
    /// </summary>
    public static string ServerFolder { get; } = FindServer();

    private static string FindRoot()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                return dir.FullName;
        return typeof(RepositoryPaths)
            .Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot")
            .Value!;
    }

    private static string FindServer()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        // Artifacts layout: <artifacts>/bin/Workflows.MultiNode.Tests/<config>/ → <artifacts>/bin/Workflows.Server/<config>/
        if (here.Parent?.Parent is { } bin)
            candidates.Add(Path.Combine(bin.FullName, "Workflows.Server", here.Name));
        // Classic layout: tests/Workflows.MultiNode.Tests/bin/<Config>/<tfm>/ → src/Workflows.Server/bin/<Config>/<tfm>/
        if (here.Parent is { } config)
            candidates.Add(
                Path.Combine(Root, "src", "Workflows.Server", "bin", config.Name, here.Name)
            );
        candidates.Add(here.FullName);
        foreach (var c in candidates)
            if (
                File.Exists(Path.Combine(c, "Workflows.Server.dll"))
                && File.Exists(Path.Combine(c, "Workflows.Server.runtimeconfig.json"))
            )
                return c;
        throw new InvalidOperationException(
            $"Workflows.Server.dll (with its runtimeconfig) not found in: {string.Join(", ", candidates)}"
        );
    }
}
