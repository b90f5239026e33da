// How many tasks wait in each of the user's queues (badge numbers).
namespace Workflows.Server.Application.Tasks;

/// <summary>Counts per queue; <see cref="Bureau"/> is null for users without a bureau queue.</summary>
public sealed record InboxCounts(int Mine, int Group, int? Bureau, int Suspended);
