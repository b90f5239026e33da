// Specification: the engine stays pure (DESIGN.md "Layers"): no database, web host or scheduler reaches it, not even transitively.
using System.Reflection;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Architecture;

public sealed class EngineDependencyTests
{
    private static readonly string[] ForbiddenPrefixes =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Hangfire",
        "Npgsql",
        "Microsoft.Data",
    ];

    private static readonly Assembly Engine = typeof(WorkflowInterpreter).Assembly;

    [Fact]
    public void Engine_assembly_references_no_EF_Core_ASP_NET_Core_Hangfire_Npgsql_or_Microsoft_Data()
    {
        var references = Engine
            .GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .ToList();

        Assert.Contains("Jint", references);
        Assert.DoesNotContain(references, IsForbidden);
    }

    [Fact]
    public void Nothing_the_engine_references_brings_in_EF_Core_ASP_NET_Core_Hangfire_Npgsql_or_Microsoft_Data()
    {
        var closure = ReferenceClosure(Engine);

        // Jint's own dependencies are in the closure, so the walk really went past the first level.
        Assert.Contains("Acornima", closure.Keys);
        var offenders = closure
            .Where(pair => IsForbidden(pair.Key))
            .Select(pair => $"{pair.Value} -> {pair.Key}")
            .ToList();
        Assert.Empty(offenders);
    }

    private static bool IsForbidden(string assemblyName) =>
        ForbiddenPrefixes.Any(prefix =>
            assemblyName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        );

    // Name -> the assembly that first referenced it. Framework assemblies (System.*) are not walked: they reference none of these.
    private static Dictionary<string, string> ReferenceClosure(Assembly root)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<Assembly>([root]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var name = reference.Name ?? string.Empty;
                if (
                    !seen.TryAdd(name, assembly.GetName().Name ?? "?")
                    || IsFramework(name)
                    || IsForbidden(name)
                )
                {
                    continue;
                }

                pending.Enqueue(Assembly.Load(reference));
            }
        }

        return seen;
    }

    private static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name is "mscorlib" or "netstandard";
}
