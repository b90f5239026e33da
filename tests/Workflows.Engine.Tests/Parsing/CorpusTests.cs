// Every malformed or hostile file in Corpus/ must yield its expected error (element id, line, message) and never throw.
using System.Text.RegularExpressions;
using Workflows.Engine.Parsing;

namespace Workflows.Engine.Tests.Parsing;

public partial class CorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(
        AppContext.BaseDirectory,
        "Parsing",
        "Corpus"
    );

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (
            var file in Directory
                .GetFiles(CorpusFolder, "*.bpmn")
                .OrderBy(f => f, StringComparer.Ordinal)
        )
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_holds_at_least_thirty_cases()
    {
        Assert.True(Directory.GetFiles(CorpusFolder, "*.bpmn").Length >= 30);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_file_is_rejected_with_the_expected_error(string file)
    {
        var text = File.ReadAllText(Path.Combine(CorpusFolder, file));
        var expect = Expectation().Match(text);
        Assert.True(
            expect.Success,
            $"{file} has no <!-- expect: id line n \"fragment\" --> comment"
        );
        var elementId = expect.Groups["id"].Value == "-" ? null : expect.Groups["id"].Value;
        var line = int.Parse(
            expect.Groups["line"].Value,
            System.Globalization.CultureInfo.InvariantCulture
        );
        var fragment = expect.Groups["fragment"].Value;
        if (expect.Groups["strip"].Success)
        {
            // The expectation is not part of the input: garbage and empty files must reach the parser as they are.
            text = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        }

        var result = BpmnParser.Parse(text);

        Assert.Null(result.Definition);
        Assert.False(result.IsValid);
        Assert.True(
            result.Errors.Any(e =>
                e.ElementId == elementId
                && e.Line == line
                && e.Message.Contains(fragment, StringComparison.Ordinal)
            ),
            $"{file}: expected {elementId ?? "-"} line {line} \"{fragment}\", got:\n{string.Join("\n", result.Errors)}"
        );
        // The parser's own catch-all must never be what a designer sees: every error is a validation finding.
        Assert.DoesNotContain(
            result.Errors,
            e =>
                e.Message.StartsWith("The file could not be read: ", StringComparison.Ordinal)
                && e.ElementId is null
                && e.Line == 0
                && !e.Message.Contains("XML", StringComparison.Ordinal)
        );
    }

    [GeneratedRegex(
        """<!-- expect: (?<id>\S+) line (?<line>\d+) "(?<fragment>[^"]*)"(?<strip> strip)? -->"""
    )]
    private static partial Regex Expectation();
}
