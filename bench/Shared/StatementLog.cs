// Records every SQL statement EF Core runs while a query is measured, so a benchmark can ask the database for each plan.
// Shared by the inbox and dashboard benchmarks (linked into both projects).
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflows.Data;

namespace Workflows.Benchmarks;

/// <summary>The reader and scalar commands since the last <see cref="Clear"/>: SQL text and parameters.</summary>
public sealed class StatementLog : DbCommandInterceptor
{
    /// <summary>The statements in the order they ran.</summary>
    public List<(string Sql, List<(string Name, object? Value)> Parameters)> Statements { get; } =
    [];

    /// <summary>Forgets the statements recorded so far.</summary>
    public void Clear() => Statements.Clear();

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default
    )
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default
    )
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>A context of the configured provider with this log attached.</summary>
    public WorkflowsDbContext CreateContext(WorkflowsDataOptions options) =>
        options.Provider == DatabaseProvider.Sqlite
            ? new Workflows.Data.Providers.SqliteWorkflowsDbContext(
                Typed<Workflows.Data.Providers.SqliteWorkflowsDbContext>(options)
            )
            : new Workflows.Data.Providers.PostgreSqlWorkflowsDbContext(
                Typed<Workflows.Data.Providers.PostgreSqlWorkflowsDbContext>(options)
            );

    /// <summary>The nearest-rank <paramref name="percentile"/> of ascending <paramref name="sorted"/> (0 when empty).</summary>
    public static double Percentile(List<double> sorted, int percentile) =>
        sorted.Count == 0
            ? 0
            : sorted[
                Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)
            ];

    private DbContextOptions<T> Typed<T>(WorkflowsDataOptions options)
        where T : WorkflowsDbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        WorkflowsDbContextOptions.Configure(builder, options);
        builder.AddInterceptors(this);
        return builder.Options;
    }

    private void Record(DbCommand command) =>
        Statements.Add(
            (
                command.CommandText,
                command
                    .Parameters.Cast<DbParameter>()
                    .Select(p => (p.ParameterName, (object?)p.Value))
                    .ToList()
            )
        );
}
