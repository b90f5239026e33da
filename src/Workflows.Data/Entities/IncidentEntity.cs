// A failure that stopped an instance until an operator resolves it.
namespace Workflows.Data.Entities;

/// <summary>One incident.</summary>
public class IncidentEntity
{
    /// <summary>Incident id.</summary>
    public Guid Id { get; set; }

    /// <summary>Affected instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>BPMN element where it happened.</summary>
    public string? ElementId { get; set; }

    /// <summary>The timer row whose retry budget ran out, for an incident raised by a failing timer (retrying re-arms it).</summary>
    public string? TimerId { get; set; }

    /// <summary>Error message.</summary>
    public string Message { get; set; } = "";

    /// <summary>When raised (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When resolved (UTC).</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>User id of the resolver.</summary>
    public string? ResolvedBy { get; set; }
}
