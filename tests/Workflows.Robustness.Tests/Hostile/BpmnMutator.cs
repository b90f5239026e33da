// A seeded mutator of BPMN text: deletes, duplicates and swaps elements and attributes, truncates, injects random
// bytes and entity references. Deterministic for a seed so a failing mutant can be replayed.
using System.Text;
using System.Text.RegularExpressions;

namespace Workflows.Robustness.Tests.Hostile;

/// <summary>Produces mutants of a BPMN document.</summary>
public sealed partial class BpmnMutator(int seed)
{
    private static readonly string[] Injections =
    [
        "&x;",
        "&amp;",
        "&#0;",
        "&#xFFFF;",
        "<!DOCTYPE x>",
        "<![CDATA[",
        "]]>",
        "<!--",
        "\u0000",
        "\uFFFE",
        "<bpmn:process id=\"p\">",
        "${",
        "#{x}",
        "\"",
        "'",
        "<",
        ">",
        "xmlns:bpmn=\"urn:other\"",
        "id=\"start\"",
        "sourceRef=\"nowhere\"",
        "P1D",
        "R/P1D",
        "2026-13-45T99:99",
        "<bpmn:script>while(true){}</bpmn:script>",
        "camunda:candidateGroups=\"\"",
        "\uD800",
    ];

    private readonly Random _random = new(seed);

    /// <summary>One to four random mutations of <paramref name="xml"/>.</summary>
    public string Mutate(string xml)
    {
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
            xml = _random.Next(8) switch
            {
                0 => DeleteElement(xml),
                1 => DuplicateElement(xml),
                2 => SwapElements(xml),
                3 => DeleteAttribute(xml),
                4 => SwapAttributeValues(xml),
                5 => xml[.._random.Next(xml.Length)],
                6 => Insert(xml, Injections[_random.Next(Injections.Length)]),
                _ => Insert(xml, RandomBytes()),
            };
        return xml;
    }

    private string DeleteElement(string xml)
    {
        var m = Pick(ElementPattern().Matches(xml));
        return m is null ? xml : xml.Remove(m.Index, m.Length);
    }

    private string DuplicateElement(string xml)
    {
        var m = Pick(ElementPattern().Matches(xml));
        return m is null ? xml : xml.Insert(m.Index + m.Length, m.Value);
    }

    private string SwapElements(string xml)
    {
        var matches = ElementPattern().Matches(xml);
        if (matches.Count < 2)
            return xml;
        var a = matches[_random.Next(matches.Count)];
        var b = matches[_random.Next(matches.Count)];
        if (a.Index == b.Index || a.Index + a.Length > b.Index && b.Index + b.Length > a.Index)
            return xml;
        var (first, second) = a.Index < b.Index ? (a, b) : (b, a);
        return xml[..first.Index]
            + second.Value
            + xml[(first.Index + first.Length)..second.Index]
            + first.Value
            + xml[(second.Index + second.Length)..];
    }

    private string DeleteAttribute(string xml)
    {
        var m = Pick(AttributePattern().Matches(xml));
        return m is null ? xml : xml.Remove(m.Index, m.Length);
    }

    private string SwapAttributeValues(string xml)
    {
        var matches = AttributePattern().Matches(xml);
        if (matches.Count < 2)
            return xml;
        var a = matches[_random.Next(matches.Count)];
        var b = matches[_random.Next(matches.Count)];
        var value = b.Groups["value"].Value;
        return string.Concat(
            xml.AsSpan(0, a.Groups["value"].Index),
            value,
            xml.AsSpan(a.Groups["value"].Index + a.Groups["value"].Length)
        );
    }

    private string Insert(string xml, string text) =>
        xml.Insert(_random.Next(xml.Length + 1), text);

    private string RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 16)];
        _random.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    private Match? Pick(MatchCollection matches) =>
        matches.Count == 0 ? null : matches[_random.Next(matches.Count)];

    // Self-closing elements and simple elements with text content: enough structure to break references and order.
    [GeneratedRegex(@"<(?<name>[\w:]+)\b[^<>]*?(/>|>[^<]*</\k<name>>)")]
    private static partial Regex ElementPattern();

    [GeneratedRegex(@"\s[\w:]+=""(?<value>[^""]*)""")]
    private static partial Regex AttributePattern();
}
