// Designer work that is stored but never executed: the one open draft of a process, and every saved version of a form.
namespace Workflows.Data.Entities;

/// <summary>A stored designer document: a process draft (one per key) or a form version.</summary>
public class DraftEntity
{
    /// <summary>Surrogate id.</summary>
    public Guid Id { get; set; }

    /// <summary>What the content is; see <see cref="DraftKinds"/>.</summary>
    public string Kind { get; set; } = DraftKinds.Process;

    /// <summary>The process key or the form key.</summary>
    public string Key { get; set; } = "";

    /// <summary>0 for the open process draft; 1, 2, … for form versions.</summary>
    public int Version { get; set; }

    /// <summary>The BPMN XML or the form-js schema JSON.</summary>
    public string Content { get; set; } = "";

    /// <summary>SHA-256 of the content, 64 lowercase hex chars.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>User id of whoever saved it.</summary>
    public string? SavedBy { get; set; }

    /// <summary>When it was saved (UTC).</summary>
    public DateTimeOffset SavedAt { get; set; }
}
