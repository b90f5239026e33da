// Sandbox limits and clock for the JavaScript expression evaluator.
namespace Workflows.Engine.Expressions;

/// <summary>Limits and services for <see cref="JintExpressionEvaluator"/>; the defaults suit conditions and short scripts.</summary>
public sealed record ExpressionOptions
{
    /// <summary>The options used when none are given.</summary>
    public static ExpressionOptions Default { get; } = new();

    /// <summary>Wall time one evaluation may take before it is stopped (default 100 ms).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Statements one evaluation may execute (default 100,000).</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>Depth of nested JavaScript calls (default 64).</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    /// <summary>
    /// Bytes one evaluation may allocate (default 4 MB). Jint counts allocations on the evaluating thread,
    /// not live memory, so a script that churns through small objects also reaches it.
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest array a script may create (default 1,000,000 elements), so one call cannot allocate gigabytes.</summary>
    public uint MaxArraySize { get; init; } = 1_000_000;

    /// <summary>Most values (array items, object members, scalars) one result or written-back variable may hold (default 100,000).</summary>
    public int MaxResultValues { get; init; } = 100_000;

    /// <summary>
    /// Run in strict mode (default true): assigning an undeclared name is a ReferenceError,
    /// so a script creates a new case variable with <c>var</c> or <c>execution.setVariable</c>.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>How many parsed scripts are kept, keyed by source text (default 1024).</summary>
    public int CacheCapacity { get; init; } = 1024;

    /// <summary>
    /// The clock behind <c>Date.now()</c> and <c>new Date()</c>. When null (the default) both throw, so an expression
    /// can never read the wall clock; dates given as arguments (<c>new Date('2025-01-01')</c>) always work.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>The time zone scripts see for local dates (default UTC, so results do not depend on the host).</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
