namespace Workflows.Server.Application;

/// <summary>Where the catalogue lives on disk; <see cref="Root"/> is null when the host runs without one.</summary>
/// <param name="Root">The <c>workflows/</c> folder.</param>
public sealed record CatalogPaths(string? Root)
{
    /// <summary>The calendars folder, if any.</summary>
    public string? Calendars => Root is null ? null : Path.Combine(Root, "calendars");
}
