// One missing item named in a supplement notice.
namespace Workflows.Server.Application.Tasks;

/// <summary>A missing material: its checklist key, bilingual name and the clerk's note.</summary>
public sealed record SupplementItem(string Key, string Name, string? NameEn, string? Note);
