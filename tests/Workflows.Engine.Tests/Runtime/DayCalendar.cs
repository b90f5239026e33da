// A business-calendar double: ISO 8601 durations as elapsed time and NWD as N×24h, so timer arithmetic is obvious in tests.
using System.Xml;
using Workflows.Engine.Calendar;

namespace Workflows.Engine.Tests.Runtime;

internal sealed class DayCalendar : IBusinessCalendar
{
    public DueDate Add(DateTimeOffset start, string limit) =>
        limit.EndsWith("WD", StringComparison.OrdinalIgnoreCase)
            ? new DueDate(
                start.AddDays(
                    int.Parse(limit[..^2], System.Globalization.CultureInfo.InvariantCulture)
                ),
                false
            )
            : new DueDate(start + XmlConvert.ToTimeSpan(limit), false);
}
