// Asks the database how it runs a recorded statement: EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Benchmarks;

/// <summary>Plans of recorded statements, one line per statement.</summary>
public static class QueryPlan
{
    /// <summary>The plan of <paramref name="sql"/> with its parameters, its lines joined by " / ".</summary>
    public static async Task<string> ExplainAsync(
        WorkflowsDataOptions options,
        string sql,
        IReadOnlyList<(string Name, object? Value)> parameters
    )
    {
        await using var db = WorkflowsDbContextOptions.CreateContext(options);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            (options.Provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ")
            + sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString()?.Trim() ?? "");
        return string.Join(" / ", lines);
    }
}
