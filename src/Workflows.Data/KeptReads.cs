// Prepared reads on kept SQLite connections for the command path's hot reads (WorkflowsDbContext.KeptReads).
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Data.Providers;

namespace Workflows.Data;

/// <summary>
/// Reads one row or one value of a SQLite database file on a connection kept open with its statements prepared
/// (<see cref="SqliteReadSessions"/>), instead of through an EF Core query: for the few reads every command runs.
/// Get it with <see cref="WorkflowsDbContext.KeptReads"/>, which is null where it does not apply (other providers,
/// in-memory databases, inside a transaction): callers then run their EF Core query.
/// </summary>
/// <remarks>
/// The SQL is SQLite's, written by the caller: arguments are bound in order to <c>@p0</c>, <c>@p1</c>, … with the type
/// mapping the model gives columns of their type (with its converter), so a <see cref="Guid"/> or a date compares with
/// the stored column as it would in an EF Core query, and a value is read back the same way. Rows come back untracked; attach one to track it. A read sees what is committed when it runs, not
/// the context's unsaved changes, and it does not pass through EF Core's command interceptors or logging.
/// </remarks>
public sealed class KeptReads
{
    private readonly IModel _model;
    private readonly IRelationalTypeMappingSource _mappings;
    private readonly SqliteReadSessions.Pool _pool;

    internal KeptReads(WorkflowsDbContext db, SqliteReadSessions.Pool pool)
    {
        _model = db.Model;
        _mappings = db.GetService<IRelationalTypeMappingSource>();
        _pool = pool;
    }

    /// <summary>
    /// The first <typeparamref name="TEntity"/> row matching <paramref name="where"/> (SQL over the table aliased
    /// <c>"t"</c>, arguments <c>@p0</c>, <c>@p1</c>, …), untracked; null when none matches.
    /// </summary>
    public TEntity? Row<TEntity>(string where, params ReadOnlySpan<object> args)
        where TEntity : class
    {
        var shape = SqliteRowShape<TEntity>.Of(_model);
        return Read(
            shape.SelectFor(where),
            args,
            static (reader, shape) => reader.Read() ? shape.Read(reader) : null,
            shape
        );
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, as <typeparamref name="T"/>; null when there is no row or the value is null.</summary>
    public T? Value<T>(string sql, params ReadOnlySpan<object> args)
        where T : struct
    {
        var mapping = MappingOf(typeof(T));
        return Read(
            sql,
            args,
            static (reader, mapping) =>
            {
                if (!reader.Read() || reader.IsDBNull(0))
                    return (T?)null;
                return mapping.Converter is { } converter
                    ? (T)converter.ConvertFromProvider(reader.GetValue(0))!
                    : reader.GetFieldValue<T>(0);
            },
            mapping
        );
    }

    // The type mapping of the model's columns of this CLR type where a convention gave them a converter (on SQLite a
    // DateTimeOffset is stored as UTC ticks), else the provider's default for the type: never a column's sized mapping,
    // whose parameter would cut a longer value to the column's length.
    private RelationalTypeMapping MappingOf(Type type) =>
        TypeMappings
            .GetValue(_model, static _ => new ConcurrentDictionary<Type, RelationalTypeMapping>())
            .GetOrAdd(
                type,
                static (type, self) =>
                    self._model.GetEntityTypes()
                        .SelectMany(e => e.GetProperties())
                        .Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == type)
                        .Select(p => (RelationalTypeMapping)p.GetRelationalTypeMapping())
                        .FirstOrDefault(m => m.Converter is not null)
                    ?? self._mappings.FindMapping(type)
                    ?? throw new NotSupportedException($"No type mapping for {type.Name}."),
                this
            );

    private static readonly ConditionalWeakTable<
        IModel,
        ConcurrentDictionary<Type, RelationalTypeMapping>
    > TypeMappings = new();

    private TResult Read<TResult, TState>(
        string sql,
        ReadOnlySpan<object> args,
        Func<SqliteDataReader, TState, TResult> read,
        TState state
    )
    {
        // Each argument's type mapping (which makes its parameter when the statement is prepared) and provider value.
        var parameters = new (RelationalTypeMapping, bool)[args.Length];
        var values = new object[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var mapping = args[i] is null
                ? _mappings.GetMappingForValue(null)
                : MappingOf(args[i].GetType());
            parameters[i] = (mapping, true);
            values[i] =
                (
                    mapping.Converter is { } converter
                        ? converter.ConvertToProvider(args[i])
                        : args[i]
                ) ?? DBNull.Value;
        }
        var session = _pool.Rent();
        SqliteCommand? command = null;
        var owned = false;
        try
        {
            (command, owned, var compiled) = session.Kept.Prepared(sql, parameters);
            if (compiled)
                _pool.Prepared();
            for (var i = 0; i < args.Length; i++)
                command.Parameters[i].Value = values[i];
            TResult result;
            using (var reader = command.ExecuteReader())
                result = read(reader, state);
            if (owned)
                command.Dispose();
            _pool.Return(session);
            SqliteReadSessions.Reads.Add(1);
            return result;
        }
        catch
        {
            // The session may hold a statement midway: it is not reused.
            if (owned)
                command?.Dispose();
            session.Dispose();
            throw;
        }
    }
}
