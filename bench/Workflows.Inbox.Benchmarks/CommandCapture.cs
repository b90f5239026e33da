// Remembers the SQL commands EF Core ran since the last Reset, so the benchmark can ask the database for their plans.
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Inbox.Benchmarks;

/// <summary>Captures the text and parameters of the reader and scalar commands run since <see cref="Reset"/>.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    /// <summary>The commands (SQL, parameters) in the order they ran.</summary>
    public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

    /// <summary>Forgets the commands captured so far.</summary>
    public void Reset() => Commands.Clear();

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Remember(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Remember(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Remember(DbCommand command) =>
        Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
}
