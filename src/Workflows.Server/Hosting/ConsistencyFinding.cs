// One inconsistency between an instance's snapshot and the rows the queries and the scheduler read.
namespace Workflows.Server.Hosting;

/// <summary>
/// A finding of <see cref="ConsistencyChecker"/>. <paramref name="Kind"/> is one of <see cref="ConsistencyKinds"/>;
/// <paramref name="ItemId"/> is the task, timer or subscription id concerned.
/// </summary>
public sealed record ConsistencyFinding(string Kind, Guid InstanceId, string ItemId, string Detail)
{
    /// <summary>True when <c>--repair</c> fixed it.</summary>
    public bool Repaired { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(Repaired ? "REPAIRED " : "")}{Kind} instance={InstanceId} item={ItemId}: {Detail}";
}

/// <summary>The kinds of <see cref="ConsistencyFinding"/>.</summary>
public static class ConsistencyKinds
{
    /// <summary>A user-task wait state has no Open task row (not repairable: the task's form data would be invented).</summary>
    public const string MissingTask = "missing-task";

    /// <summary>A timer wait state has no Pending timer row (repair: recreate it and schedule it through the outbox).</summary>
    public const string MissingTimer = "missing-timer";

    /// <summary>A message wait state has no subscription row (repair: recreate it).</summary>
    public const string MissingSubscription = "missing-subscription";

    /// <summary>An Open task whose instance is not running or no longer waits on it (repair: cancel it, audited).</summary>
    public const string OrphanTask = "orphan-task";
}
