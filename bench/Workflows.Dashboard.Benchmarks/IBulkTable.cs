namespace Workflows.Dashboard.Benchmarks;

/// <summary>Appends rows to one table in the order of the columns it was opened with.</summary>
public interface IBulkTable : IAsyncDisposable
{
    /// <summary>Writes one row; values are Guid, string, int, long, double, bool, DateTimeOffset or null.</summary>
    ValueTask RowAsync(params object?[] values);
}
