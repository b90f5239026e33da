// Membership of a user in a group (composite key UserId + GroupId).
namespace Workflows.Data.Entities;

/// <summary>A user's membership in a group.</summary>
public class UserGroupEntity
{
    /// <summary>Identity user id.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Group id.</summary>
    public string GroupId { get; set; } = "";
}
