// A candidate group (e.g. a bureau's reviewers); task candidates refer to its id.
namespace Workflows.Data.Entities;

/// <summary>One group of users.</summary>
public class GroupEntity
{
    /// <summary>Group id, e.g. "bureau:kjj/reviewer".</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name (Chinese).</summary>
    public string Name { get; set; } = "";

    /// <summary>Display name (English).</summary>
    public string NameEn { get; set; } = "";

    /// <summary>Bureau code, if the group belongs to one bureau.</summary>
    public string? BureauCode { get; set; }
}
