namespace Workflows.Server.Application.Dashboard;

/// <summary>A count in a group (a bureau and level, or a day).</summary>
public sealed record CountDto(string Key, string? Level, int Count);
