namespace Workflows.Server.Application.Retention;

/// <summary>
/// Settings under <c>Retention:</c>: how long ended cases stay in the database before they are archived, and how long the
/// answers to requests with an idempotency key are remembered.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Retention";

    /// <summary>Ended cases older than this many days are archived and removed; 0 (the default) keeps everything.</summary>
    public int EndedInstanceDays { get; set; }

    /// <summary>Where archive files are written; empty: <c>App_Data/archive</c> under the content root.</summary>
    public string ArchivePath { get; set; } = "";

    /// <summary>When the recurring archive job runs (cron, office time zone not applied: UTC).</summary>
    public string Cron { get; set; } = "0 19 * * *";

    /// <summary>Cases archived per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Remembered answers to requests with an idempotency key (<c>Idempotency-Key</c> or <c>requestId</c>) older than this
    /// many hours are removed by the recurring job; a retry after that acts again. 0 keeps them all. Default 24.
    /// </summary>
    public int IdempotencyHours { get; set; } = 24;
}
