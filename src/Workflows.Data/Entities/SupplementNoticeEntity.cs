// A supplement notice (补正通知 / 一次性告知): every missing item at once; the case clock waits until it is answered.
namespace Workflows.Data.Entities;

/// <summary>One supplement notice.</summary>
public class SupplementNoticeEntity
{
    /// <summary>Notice id.</summary>
    public Guid Id { get; set; }

    /// <summary>The case.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>The task that returned the case.</summary>
    public string TaskId { get; set; } = "";

    /// <summary>The step's element id.</summary>
    public string ElementId { get; set; } = "";

    /// <summary>The missing items as JSON (<c>[{key, name, nameEn, note}]</c>).</summary>
    public string ItemsJson { get; set; } = "[]";

    /// <summary>A note to the applicant.</summary>
    public string? Note { get; set; }

    /// <summary>1 for the first notice on this step, 2 for a second one, and so on.</summary>
    public int Sequence { get; set; }

    /// <summary>True for a second or later notice on the same step (a service failure worth counting).</summary>
    public bool IsRepeat { get; set; }

    /// <summary>Issuer user name.</summary>
    public string IssuedBy { get; set; } = "";

    /// <summary>When issued (UTC).</summary>
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>When the applicant answered (UTC).</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Who answered.</summary>
    public string? AnsweredBy { get; set; }
}
