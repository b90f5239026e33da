// Values of TimerEntity.Status.
namespace Workflows.Data.Entities;

/// <summary>Known values of <see cref="TimerEntity.Status"/>.</summary>
public static class TimerStatuses
{
    /// <summary>Waiting for its due moment.</summary>
    public const string Pending = "Pending";

    /// <summary>Fired once.</summary>
    public const string Fired = "Fired";

    /// <summary>Cancelled before it fired.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>
    /// Every attempt of its retry budget failed: no longer fired until an operator retries the incident raised for it, which
    /// puts it back to <see cref="Pending"/>.
    /// </summary>
    public const string Failed = "Failed";
}
