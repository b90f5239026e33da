// Shared helpers for the calendar specs: the shipped calendar files and office-local instants.
using System.Runtime.CompilerServices;
using Workflows.Engine.Calendar;

namespace Workflows.Engine.Tests.Calendar;

internal static class CalendarFixtures
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository's workflows/calendars folder: the specs test the shipped files themselves.</summary>
    public static string CalendarDirectory => Path.Combine(Root.Value, "workflows", "calendars");

    /// <summary>The calendar built from the shipped files (2025 and 2026 official, other years provisional).</summary>
    public static WorkingCalendar Official { get; } =
        WorkingCalendar.FromDirectory(CalendarDirectory);

    /// <summary>An instant in China Standard Time.</summary>
    public static DateTimeOffset Local(
        int year,
        int month,
        int day,
        int hour = 9,
        int minute = 0
    ) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static DateOnly Day(int year, int month, int day) => new(year, month, day);

    /// <summary>The close of business (17:30 CST) of a day.</summary>
    public static DateTimeOffset Close(int year, int month, int day) =>
        Local(year, month, day, 17, 30);

    private static string FindRepositoryRoot()
    {
        // The test binaries normally sit below the repository; the source path covers builds elsewhere.
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
                    return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Workflows.sln not found above {AppContext.BaseDirectory}."
        );
    }

    private static string SourceDirectory([CallerFilePath] string path = "") =>
        Path.GetDirectoryName(path) ?? ".";
}
