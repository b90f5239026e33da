// One interval during which a clock did not run (补正 supplement, 专家评审 expert review, 公示 public notice…).
namespace Workflows.Engine.Calendar;

/// <summary>A pause of an SLA clock.</summary>
/// <param name="PausedAt">When the clock stopped running.</param>
/// <param name="Reason">Why (e.g. <c>supplement</c>, <c>expert-review</c>, <c>public-notice</c>); told to the applicant in writing.</param>
/// <param name="ResumedAt">When it ran again; null while the pause lasts.</param>
public sealed record SlaPause(
    DateTimeOffset PausedAt,
    string Reason,
    DateTimeOffset? ResumedAt = null
);
