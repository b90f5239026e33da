// How KeptReads reads an entity: its table, its column list and a compiled reader, all from the EF Core model.
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Data.Providers;

/// <summary>
/// An entity type as a SQLite row: the table, every mapped column (<c>"t"."Column"</c>, in the model's property order)
/// and a compiled delegate that builds the entity from a reader positioned on such a row. Built once per model from the
/// same metadata EF Core materializes with (column names, type mappings, value converters), so a column added to the
/// model is read here without a change.
/// </summary>
internal sealed class SqliteRowShape<TEntity>
    where TEntity : class
{
    private static readonly ConditionalWeakTable<IModel, SqliteRowShape<TEntity>> Shapes = new();

    private static readonly MethodInfo GetFieldValue = typeof(SqliteDataReader).GetMethod(
        nameof(SqliteDataReader.GetFieldValue)
    )!;

    private static readonly MethodInfo IsDbNull = typeof(SqliteDataReader).GetMethod(
        nameof(SqliteDataReader.IsDBNull),
        [typeof(int)]
    )!;

    private SqliteRowShape(string table, string columns, Func<SqliteDataReader, TEntity> read)
    {
        Table = table;
        Columns = columns;
        Read = read;
    }

    /// <summary>The quoted table name.</summary>
    public string Table { get; }

    /// <summary>The select list, every column qualified by the alias <c>"t"</c>.</summary>
    public string Columns { get; }

    /// <summary>Builds the entity from the current row (columns in <see cref="Columns"/>' order).</summary>
    public Func<SqliteDataReader, TEntity> Read { get; }

    private readonly ConcurrentDictionary<string, string> _selects = new(StringComparer.Ordinal);

    /// <summary>The statement that selects the first row matching <paramref name="where"/> (built once per condition).</summary>
    public string SelectFor(string where) =>
        _selects.TryGetValue(where, out var sql)
            ? sql
            : _selects.GetOrAdd(
                where,
                w => $"SELECT {Columns} FROM {Table} AS \"t\" WHERE {w} LIMIT 1"
            );

    /// <summary>The shape of <typeparamref name="TEntity"/> in <paramref name="model"/>.</summary>
    /// <exception cref="NotSupportedException">The entity has a property without a CLR member, or is not mapped to a table.</exception>
    public static SqliteRowShape<TEntity> Of(IModel model) => Shapes.GetValue(model, Build);

    private static SqliteRowShape<TEntity> Build(IModel model)
    {
        var type =
            model.FindEntityType(typeof(TEntity))
            ?? throw new NotSupportedException($"{typeof(TEntity).Name} is not in the model.");
        var table =
            type.GetTableName()
            ?? throw new NotSupportedException($"{typeof(TEntity).Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        var reader = Expression.Parameter(typeof(SqliteDataReader), "reader");
        var entity = Expression.Variable(typeof(TEntity), "entity");
        var body = new List<Expression>
        {
            Expression.Assign(entity, Expression.New(typeof(TEntity))),
        };
        var columns = new List<string>();
        foreach (var property in type.GetProperties())
        {
            var name =
                property.GetColumnName(store)
                ?? throw new NotSupportedException(
                    $"{type.DisplayName()}.{property.Name} has no column."
                );
            var ordinal = Expression.Constant(columns.Count);
            columns.Add("\"t\"." + Quote(name));
            body.Add(Expression.Assign(Member(entity, property), Value(reader, ordinal, property)));
        }
        body.Add(entity);
        var read = Expression
            .Lambda<Func<SqliteDataReader, TEntity>>(Expression.Block([entity], body), reader)
            .Compile();
        return new SqliteRowShape<TEntity>(Quote(table), string.Join(", ", columns), read);
    }

    // The column's value as the property's type: read as the provider type, converted back like EF Core does (the
    // property's converter, else the type mapping's), null where the column is null and the property may be.
    private static Expression Value(
        ParameterExpression reader,
        ConstantExpression ordinal,
        IProperty property
    )
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var converter = property.GetValueConverter() ?? mapping.Converter;
        var clrType = property.ClrType;
        var providerType = converter?.ProviderClrType ?? clrType;
        Expression value = Expression.Call(
            reader,
            GetFieldValue.MakeGenericMethod(
                Nullable.GetUnderlyingType(providerType) ?? providerType
            ),
            ordinal
        );
        if (converter is not null)
        {
            var convert = converter.ConvertFromProviderExpression;
            // The converter's lambda with its parameter replaced by the value read, so the reader compiles to one delegate.
            value = ReplacingExpressionVisitor.Replace(
                convert.Parameters[0],
                Expression.Convert(value, convert.Parameters[0].Type),
                convert.Body
            );
        }
        if (value.Type != clrType)
            value = Expression.Convert(value, clrType);
        return property.IsNullable
            ? Expression.Condition(
                Expression.Call(reader, IsDbNull, ordinal),
                Expression.Default(clrType),
                value
            )
            : value;
    }

    private static MemberExpression Member(ParameterExpression entity, IProperty property) =>
        property.PropertyInfo is { CanWrite: true } writable ? Expression.Property(entity, writable)
        : property.FieldInfo is { } field ? Expression.Field(entity, field)
        : throw new NotSupportedException(
            $"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR member to set."
        );

    private static string Quote(string name) =>
        "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
