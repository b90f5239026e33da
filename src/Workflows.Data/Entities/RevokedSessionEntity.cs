// A sign-in session ended by its user (logout) before its cookie and bearer token expired: both are still validly
// signed, so every node refuses them by this row until they would have expired anyway.
namespace Workflows.Data.Entities;

/// <summary>One ended session.</summary>
public class RevokedSessionEntity
{
    /// <summary>The session id the sign-in put in its cookie and bearer token (claim <c>workflows:session</c>).</summary>
    public string SessionId { get; set; } = "";

    /// <summary>Whose session it was.</summary>
    public string? UserName { get; set; }

    /// <summary>When it was ended (UTC).</summary>
    public DateTimeOffset RevokedAt { get; set; }

    /// <summary>When its last cookie or token expires anyway (UTC); the row may be removed after it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
