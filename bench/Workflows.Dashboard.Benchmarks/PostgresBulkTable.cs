// PostgreSQL: binary COPY of one table, each value written with the type its CLR type maps to.
using Npgsql;
using NpgsqlTypes;

namespace Workflows.Dashboard.Benchmarks;

/// <summary>A binary COPY into one PostgreSQL table; completes on dispose.</summary>
public sealed class PostgresBulkTable : IBulkTable
{
    private readonly NpgsqlBinaryImporter _writer;

    private PostgresBulkTable(NpgsqlBinaryImporter writer) => _writer = writer;

    /// <summary>Starts the COPY of <paramref name="columns"/> into <paramref name="table"/>.</summary>
    public static async Task<PostgresBulkTable> OpenAsync(
        NpgsqlConnection connection,
        string table,
        IReadOnlyList<string> columns
    ) =>
        new(
            await connection.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(',', columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"
            )
        );

    /// <inheritdoc />
    public async ValueTask RowAsync(params object?[] values)
    {
        await _writer.StartRowAsync();
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    await _writer.WriteNullAsync();
                    break;
                case Guid g:
                    await _writer.WriteAsync(g, NpgsqlDbType.Uuid);
                    break;
                case string s:
                    await _writer.WriteAsync(s, NpgsqlDbType.Text);
                    break;
                case int i:
                    await _writer.WriteAsync(i, NpgsqlDbType.Integer);
                    break;
                case long l:
                    await _writer.WriteAsync(l, NpgsqlDbType.Bigint);
                    break;
                case double d:
                    await _writer.WriteAsync(d, NpgsqlDbType.Double);
                    break;
                case bool b:
                    await _writer.WriteAsync(b, NpgsqlDbType.Boolean);
                    break;
                case DateTimeOffset t:
                    await _writer.WriteAsync(t, NpgsqlDbType.TimestampTz);
                    break;
                case DateOnly day:
                    await _writer.WriteAsync(day, NpgsqlDbType.Date);
                    break;
                default:
                    throw new ArgumentException(
                        $"No COPY type for {value.GetType()}.",
                        nameof(values)
                    );
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.CompleteAsync();
        await _writer.DisposeAsync();
    }
}
