// Locates the shipped catalogue (workflows/) from the test binaries and gathers what the parser needs to check references.
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using Workflows.Engine.Parsing;
using Workflows.Server.Application;
using Workflows.Server.Application.Simulation;

namespace Workflows.Server.Tests.Catalog;

/// <summary>The repository's <c>workflows/</c> folder and the host knowledge a deployment would check against.</summary>
public static class CatalogFiles
{
    /// <summary>The <c>workflows/</c> folder, found by walking up to <c>Workflows.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every shipped procedure file name (for theory data).</summary>
    public static TheoryData<string> Procedures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Root, "*.bpmn").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>The text of a procedure file.</summary>
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Root, fileName));

    /// <summary>The file parsed as XML with line information.</summary>
    public static XDocument Xml(string fileName) =>
        XDocument.Parse(Read(fileName), LoadOptions.SetLineInfo);

    /// <summary>Parse options naming the forms, directory groups and simulated handlers that exist.</summary>
    public static ParseOptions Options()
    {
        var forms = Directory
            .EnumerateFiles(Path.Combine(Root, "forms"), "*.form.json")
            .Select(f => Path.GetFileName(f)[..^".form.json".Length])
            .ToHashSet(StringComparer.Ordinal);
        using var directory = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(Root, "directory.json"))
        );
        var groups = directory
            .RootElement.GetProperty("groups")
            .EnumerateArray()
            .Select(g => g.GetProperty("id").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        return new ParseOptions
        {
            KnownForms = forms,
            KnownGroups = groups,
            KnownHandlers = HandlerNames(),
        };
    }

    /// <summary>The names the simulated government systems register under.</summary>
    public static IReadOnlySet<string> HandlerNames()
    {
        using var provider = new ServiceCollection()
            .AddSimulatedGovernmentSystems()
            .BuildServiceProvider();
        return provider
            .GetServices<IServiceTaskHandler>()
            .Select(h => h.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    // Builds may go to an artifacts folder outside the repository, so the source file's own path is the fallback.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (
            var start in new[]
            {
                AppContext.BaseDirectory,
                Path.GetDirectoryName(sourceFile) ?? string.Empty,
            }
        )
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                    return Path.Combine(dir.FullName, "workflows");
            }
        }

        throw new InvalidOperationException(
            $"Workflows.sln not found above {AppContext.BaseDirectory} or {sourceFile}."
        );
    }
}
