// The inbox queues a user can ask for (queue=mine|group|bureau|suspended).
namespace Workflows.Server.Application.Tasks;

/// <summary>Inbox queue names.</summary>
public static class TaskQueues
{
    /// <summary>Assigned to me and active.</summary>
    public const string Mine = "mine";

    /// <summary>Unclaimed, offered to one of my groups, active.</summary>
    public const string Group = "group";

    /// <summary>Every open task of my bureau (section chiefs).</summary>
    public const string Bureau = "bureau";

    /// <summary>Waiting for the applicant's supplement (补正中).</summary>
    public const string Suspended = "suspended";

    /// <summary>Every queue name.</summary>
    public static readonly string[] All = [Mine, Group, Bureau, Suspended];
}
