// Specification: every public engine type carries an XML doc comment, read from the documentation file the build generates.
using System.Reflection;
using System.Xml.Linq;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Architecture;

public sealed class PublicTypeDocumentationTests
{
    [Fact]
    public void Every_exported_engine_type_has_a_type_entry_in_Workflows_Engine_xml()
    {
        var engine = typeof(WorkflowInterpreter).Assembly;
        var documented = DocumentedTypeIds(engine);
        var exported = engine.GetExportedTypes().Select(DocumentationId).ToList();

        Assert.Contains("T:Workflows.Engine.Runtime.WorkflowInterpreter", exported);
        var undocumented = exported
            .Where(id => !documented.Contains(id))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(
            undocumented.Count == 0,
            "Public types without an XML doc comment:\n" + string.Join("\n", undocumented)
        );
    }

    [Fact]
    public void Documentation_ids_follow_the_compiler_format_for_nested_and_generic_types()
    {
        Assert.Equal(
            "T:Workflows.Engine.Tests.Architecture.PublicTypeDocumentationTests.Nested`1",
            DocumentationId(typeof(Nested<>))
        );
    }

    // The compiler writes T:Namespace.Outer.Inner`1: nested types joined by '.', generic arity kept.
    private static string DocumentationId(Type type) => "T:" + type.FullName!.Replace('+', '.');

    private static HashSet<string> DocumentedTypeIds(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(
            File.Exists(path),
            $"The engine's documentation file was not found at {path} (GenerateDocumentationFile must stay on)."
        );
        return XDocument
            .Load(path)
            .Descendants("member")
            .Select(member => (string?)member.Attribute("name"))
            .OfType<string>()
            .Where(name => name.StartsWith("T:", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    // Stands in for a nested generic public type when checking the id format.
    public sealed class Nested<T> { }
}
