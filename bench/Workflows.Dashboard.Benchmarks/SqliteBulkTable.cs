// SQLite: one prepared INSERT inside the caller's transaction, values stored the way the EF model stores them
// (Guid as upper-case text, DateTimeOffset as UTC ticks, DateOnly as yyyy-MM-dd, bool as 0/1).
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Workflows.Dashboard.Benchmarks;

/// <summary>Prepared-statement inserts into one SQLite table.</summary>
public sealed class SqliteBulkTable : IBulkTable
{
    private readonly SqliteCommand _command;

    /// <summary>Prepares the insert of <paramref name="columns"/> into <paramref name="table"/>.</summary>
    public SqliteBulkTable(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string table,
        IReadOnlyList<string> columns
    )
    {
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        _command.CommandText =
            $"INSERT INTO \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(',', columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Count; i++)
            _command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
        _command.Prepare();
    }

    /// <inheritdoc />
    public async ValueTask RowAsync(params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            _command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString().ToUpperInvariant(),
                DateTimeOffset d => d.UtcTicks,
                DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool b => b ? 1 : 0,
                var v => v,
            };
        await _command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
