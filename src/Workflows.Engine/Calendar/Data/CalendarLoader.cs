// Reads the official calendar files (workflows/calendars/*.json).
using System.Text.Json;

namespace Workflows.Engine.Calendar;

/// <summary>Loads <see cref="CalendarYear"/>s from JSON files in the format of <see cref="CalendarFile"/>.</summary>
public static class CalendarLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses one file's text.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed or the data inconsistent; the message names <paramref name="origin"/>.</exception>
    public static CalendarYear Parse(string json, string origin = "calendar")
    {
        try
        {
            var file =
                JsonSerializer.Deserialize<CalendarFile>(json, Options)
                ?? throw new InvalidDataException("the document is empty");
            return file.ToCalendarYear();
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new InvalidDataException($"{origin}: {e.Message}", e);
        }
    }

    /// <summary>Loads one file.</summary>
    public static CalendarYear LoadFile(string path) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Loads every <c>*.json</c> file of a directory, ordered by year.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is invalid, or two files hold the same year.</exception>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"Calendar directory '{directory}' does not exist."
            );
        var years = Directory
            .EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(LoadFile)
            .ToList();
        var duplicate = years.GroupBy(y => y.Year).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException(
                $"{directory}: year {duplicate.Key} is defined by more than one file."
            );
        return [.. years.OrderBy(y => y.Year)];
    }
}
