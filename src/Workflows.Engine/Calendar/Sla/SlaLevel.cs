// The electronic-supervision signal of a clock (电子监察 红黄牌).
namespace Workflows.Engine.Calendar;

/// <summary>The supervision level of a clock at an instant.</summary>
public enum SlaLevel
{
    /// <summary>Within the limit, before the warning moment.</summary>
    Green,

    /// <summary>Warning (黄牌): past the warning moment, not yet past due.</summary>
    Yellow,

    /// <summary>Breached (红牌): past the due moment.</summary>
    Red,
}
