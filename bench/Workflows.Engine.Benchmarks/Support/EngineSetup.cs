// Builds the engine exactly as the server does (real parser, Jint evaluator, official calendar), minus the database.
using Workflows.Engine.Calendar;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>The engine's real collaborators, shared by every benchmark.</summary>
public static class EngineSetup
{
    /// <summary>A Monday in 2025, a year with an official calendar file.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>An interpreter with the Jint evaluator, the official working calendar and a frozen clock.</summary>
    public static WorkflowInterpreter CreateInterpreter()
    {
        var clock = new FixedTimeProvider(Now);
        var evaluator = new JintExpressionEvaluator(new ExpressionOptions { Clock = clock });
        var calendar = WorkingCalendar.FromDirectory(FindCalendars());
        return new WorkflowInterpreter(evaluator, calendar, clock);
    }

    /// <summary>Parses with the real parser; a benchmark of an invalid model would measure nothing, so it throws.</summary>
    public static ProcessDefinition Parse(string xml)
    {
        var result = BpmnParser.Parse(xml);
        if (!result.IsValid)
        {
            throw new InvalidOperationException(
                "Benchmark model is invalid: "
                    + string.Join(
                        "; ",
                        result.Errors.Select(e => $"{e.ElementId}@{e.Line}: {e.Message}")
                    )
            );
        }

        return result.Definition!;
    }

    // BenchmarkDotNet runs a generated child project from its own folder: look next to the binaries first, then up the tree.
    private static string FindCalendars()
    {
        var local = Path.Combine(AppContext.BaseDirectory, "calendars");
        if (Directory.Exists(local) && Directory.EnumerateFiles(local, "*.json").Any())
        {
            return local;
        }

        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            var candidate = Path.Combine(dir.FullName, "workflows", "calendars");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "workflows/calendars was found neither next to the benchmark nor above it."
        );
    }
}
