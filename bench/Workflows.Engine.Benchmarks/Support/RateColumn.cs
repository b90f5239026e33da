// A summary column turning the mean time of one operation into a rate of operations, commands or steps per second.
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Workflows.Engine.Benchmarks.Support;

/// <summary>Operations, commands or steps per second, from the mean and the method's <see cref="WorkAttribute"/>.</summary>
public sealed class RateColumn(string name, Func<WorkAttribute?, int?> perOperation, string legend)
    : IColumn
{
    /// <summary>Operations (whole instances, or one serializer call) per second.</summary>
    public static readonly RateColumn Operations = new(
        "Ops/s",
        _ => 1,
        "Operations per second (1 / mean); for scenarios an operation is a whole instance"
    );

    /// <summary>Interpreter commands per second.</summary>
    public static readonly RateColumn Commands = new(
        "Commands/s",
        w => w?.Commands,
        "Interpreter commands (Execute calls) per second"
    );

    /// <summary>Activities completed per second.</summary>
    public static readonly RateColumn Steps = new(
        "Steps/s",
        w => w?.Steps,
        "Activities (user or script tasks) completed per second"
    );

    /// <inheritdoc />
    public string Id => nameof(RateColumn) + "." + name;

    /// <inheritdoc />
    public string ColumnName => name;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => legend;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var work = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkAttribute>();
        var count = perOperation(work);
        if (mean is not > 0 || count is null)
        {
            return "-";
        }

        return (count.Value * 1e9 / mean.Value).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
