// Remembers the last SQL command EF Core ran, so the benchmark can ask the database for its plan.
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Inbox.Benchmarks;

/// <summary>Captures the text and parameters of the last reader command.</summary>
public sealed class CommandCapture : DbCommandInterceptor
{
    /// <summary>The last command's SQL.</summary>
    public string? Sql { get; private set; }

    /// <summary>The last command's parameters (name, value).</summary>
    public List<(string Name, object? Value)> Parameters { get; } = [];

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

    private void Remember(DbCommand command)
    {
        Sql = command.CommandText;
        Parameters.Clear();
        foreach (DbParameter p in command.Parameters)
            Parameters.Add((p.ParameterName, p.Value));
    }
}
