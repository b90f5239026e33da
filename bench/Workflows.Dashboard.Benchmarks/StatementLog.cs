// Records every SQL statement EF Core runs while a chart is measured, so the benchmark can ask the database for each plan.
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Dashboard.Benchmarks;

/// <summary>The reader and scalar commands since the last <see cref="Clear"/>: SQL text and parameters.</summary>
public sealed class StatementLog : DbCommandInterceptor
{
    /// <summary>The statements in the order they ran.</summary>
    public List<(string Sql, List<(string Name, object? Value)> Parameters)> Statements { get; } = [];

    /// <summary>Forgets the statements recorded so far.</summary>
    public void Clear() => Statements.Clear();

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command) =>
        Statements.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
}
