// Writes a save's tracked rows with one INSERT, UPDATE or DELETE statement per row, of a few shapes, instead of EF
// Core's update pipeline: on SQLite through SqliteCommitGroups, on PostgreSQL through PostgresRowBatch. Used by
// WorkflowsDbContext.SaveChangesAsync; anything it cannot express goes to EF Core.
using System.Collections.Concurrent;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Data.Providers;

/// <summary>
/// The rows of one save as statements, one per row, of a few shapes (table, operation and, for an UPDATE, the set of
/// changed columns) whose SQL is built once per table; <see cref="SqliteCommitGroups"/> writes them, with the shapes
/// kept compiled, in its group transaction on SQLite, and <see cref="PostgresRowBatch"/> as one batch on PostgreSQL.
/// </summary>
/// <remarks>
/// <para>
/// Why: on SQLite every write of the database takes turns at one lock, and at 450 instances/s the benchmark measured it
/// held about 90 % of every second: 0.95 ms per transaction, of which 0.4 ms the commit and 0.55 ms running the batch
/// EF Core had built, with its SQL text built anew on every save, a column modification and a parameter object per
/// column of every row, and the results read back and propagated. Written here, with the statements compiled outside the
/// lock, the rows take 0.3 ms of it, and the server allocates a quarter less per instance (docs/benchmarks.md). The SQL is what EF Core would send, and every value goes through the property's own type
/// mapping (its value converter and parameter setup), so the stored form is the same.
/// </para>
/// <para>
/// What it writes: rows of entity types mapped to one table each, without inheritance, owned or complex types, and
/// without values the database generates, except an integer key generated on insert that no other type refers to
/// (read back with <c>RETURNING</c>); a Guid key EF Core generated when the entity was added is an ordinary value. A
/// save with any other tracked change, a save inside a caller's transaction, or a context with SaveChanges
/// interceptors goes to EF Core. Order: deletes (dependents first), inserts (principals first, rows of one table in the
/// order they were added), updates. An UPDATE or DELETE that matches no row throws
/// <see cref="DbUpdateConcurrencyException"/> (<see cref="NotMatched"/>) and a database error throws
/// <see cref="DbUpdateException"/> around the provider's exception (<see cref="Failed"/>), as EF Core does; everything
/// the save wrote is then rolled back (on SQLite to its savepoint in the group, on PostgreSQL with the batch), and
/// nothing is accepted in the change tracker.
/// </para>
/// </remarks>
internal static class RowWriter
{
    private static readonly ConcurrentDictionary<IEntityType, TablePlan?> Plans = new();
    private static readonly ConcurrentDictionary<
        IModel,
        IReadOnlyDictionary<IEntityType, int>?
    > Ranks = new();

    /// <summary>The rows to write for the tracked changes, or null when EF Core must write them.</summary>
    public static List<RowWrite>? Plan(DbContext db)
    {
        var ranks = Ranks.GetOrAdd(db.Model, RankTypes);
        if (ranks is null)
            return null;
        var rows = new List<RowWrite>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            var plan = Plans.GetOrAdd(entry.Metadata, PlanFor);
            if (plan is null || !ranks.TryGetValue(entry.Metadata, out var rank))
                return null;
            switch (entry.State)
            {
                case EntityState.Added
                    when plan.GeneratedKey is { } key && !entry.Property(key.Property).IsTemporary:
                    return null; // an explicit value for a key the database generates: EF Core inserts it as given
                case EntityState.Added
                    when plan.GeneratedKey is null
                        && plan.Keys.Any(k => entry.Property(k.Property).IsTemporary):
                    return null; // a temporary key EF Core would replace before inserting
                case EntityState.Added:
                    rows.Add(new RowWrite(entry, plan, EntityState.Added, rank, null));
                    break;
                case EntityState.Deleted:
                    rows.Add(new RowWrite(entry, plan, EntityState.Deleted, rank, null));
                    break;
                case EntityState.Modified:
                    var changed = plan
                        .Columns.Where(c => entry.Property(c.Property).IsModified)
                        .ToArray();
                    if (changed.Length > 0)
                        rows.Add(new RowWrite(entry, plan, EntityState.Modified, rank, changed));
                    break;
            }
        }
        // A key deleted and added again in one save, or two new rows of a type that refers to itself (a parent and
        // its child), need EF Core's per-row ordering.
        if (
            rows.Where(r => r.State == EntityState.Added && r.Plan.RefersToItself)
                .GroupBy(r => r.Entry.Metadata)
                .Any(g => g.Count() > 1)
        )
            return null;
        if (
            rows.Any(r => r.State == EntityState.Deleted)
            && rows.Where(r => r.State == EntityState.Added)
                .Select(r => r.Entry.Metadata)
                .Intersect(
                    rows.Where(r => r.State == EntityState.Deleted).Select(r => r.Entry.Metadata)
                )
                .Any()
        )
            return null;
        // Stable: rows of one table keep the order they were added in, so generated keys (audit events) follow it.
        return rows.OrderBy(Order).ToList();

        static (int, int) Order(RowWrite r) =>
            r.State switch
            {
                EntityState.Deleted => (0, -r.Rank),
                EntityState.Added => (1, r.Rank),
                _ => (2, 0),
            };
    }

    /// <summary>
    /// The statements that write <paramref name="rows"/>, with their values converted to the provider's form: built by
    /// the saving command, before its save is queued for SQLite's group writer (<see cref="SqliteCommitGroups"/>, which
    /// keeps each statement shape compiled) or sent as PostgreSQL's batch (<see cref="PostgresRowBatch"/>).
    /// </summary>
    public static List<Statement> Statements(List<RowWrite> rows)
    {
        var statements = new List<Statement>(rows.Count);
        foreach (var row in rows)
        {
            if (row.State == EntityState.Added)
            {
                // The insert's SQL and parameters are the table's own; only the values are the row's.
                var columns = row.Plan.InsertColumns;
                var values = new object[columns.Length];
                for (var i = 0; i < columns.Length; i++)
                    values[i] = columns[i]
                        .ToProvider(row.Entry.Property(columns[i].Property).CurrentValue);
                statements.Add(
                    new Statement(row.Plan.InsertSql, row.Plan.InsertParameters, values, row)
                );
                continue;
            }
            var (sql, filled) = row.State == EntityState.Modified ? Update(row) : Delete(row);
            var parameters = new (RelationalTypeMapping, bool)[filled.Count];
            var converted = new object[filled.Count];
            for (var i = 0; i < filled.Count; i++)
            {
                parameters[i] = filled[i].Column.Parameter;
                converted[i] = filled[i].Column.ToProvider(filled[i].Value);
            }
            statements.Add(new Statement(sql, parameters, converted, row));
        }
        return statements;
    }

    /// <summary>EF Core's exception for an UPDATE or DELETE of <paramref name="row"/> that affected <paramref name="count"/> rows instead of one.</summary>
    internal static DbUpdateConcurrencyException NotMatched(RowWrite row, int count) =>
        new(
            $"The database operation was expected to affect 1 row(s), but actually affected {count} row(s); data may have been modified or deleted since entities were loaded.",
            Entries(row.Entry)
        );

    /// <summary>EF Core's exception for a database error while writing <paramref name="row"/> (none when unknown).</summary>
    internal static DbUpdateException Failed(Exception inner, RowWrite? row) =>
        new(
            "An error occurred while saving the entity changes. See the inner exception for details.",
            inner,
            row is null ? [] : Entries(row.Entry)
        );

    // The entry as EF Core's exceptions carry it (what its own update pipeline passes), so handlers can read Entries.
#pragma warning disable EF1001 // the internal entry is the public IUpdateEntry EF Core's exceptions take
    private static IReadOnlyList<Microsoft.EntityFrameworkCore.Update.IUpdateEntry> Entries(
        EntityEntry entry
    ) => [entry.GetInfrastructure()];
#pragma warning restore EF1001

    /// <summary>After the commit: the generated keys go into the entities (the change tracker is accepted by the caller).</summary>
    public static void Complete(List<RowWrite> rows)
    {
        foreach (var row in rows)
            if (row.GeneratedKey is { } value)
            {
                var key = row.Entry.Property(row.Plan.GeneratedKey!.Property);
                key.CurrentValue = value;
                key.IsTemporary = false;
            }
    }

    private static (string, List<(Column Column, object? Value)>) Update(RowWrite row)
    {
        var values = new List<(Column, object?)>(
            row.Changed!.Length + row.Plan.Keys.Length + row.Plan.Tokens.Length
        );
        var sql = new StringBuilder("UPDATE ").Append(row.Plan.Table).Append(" SET ");
        for (var i = 0; i < row.Changed.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ")
                .Append(row.Changed[i].Name)
                .Append(" = @p")
                .Append(values.Count);
            values.Add((row.Changed[i], row.Entry.Property(row.Changed[i].Property).CurrentValue));
        }
        Where(row, sql, values);
        return (sql.ToString(), values);
    }

    private static (string, List<(Column Column, object? Value)>) Delete(RowWrite row)
    {
        var values = new List<(Column, object?)>(row.Plan.Keys.Length + row.Plan.Tokens.Length);
        var sql = new StringBuilder("DELETE FROM ").Append(row.Plan.Table);
        Where(row, sql, values);
        return (sql.ToString(), values);
    }

    // The key's original values, and each concurrency token's original value (IS NULL when it was null).
    private static void Where(RowWrite row, StringBuilder sql, List<(Column, object?)> values)
    {
        var first = true;
        foreach (var column in row.Plan.Keys.Concat(row.Plan.Tokens))
        {
            sql.Append(first ? " WHERE " : " AND ").Append(column.Name);
            first = false;
            var original = row.Entry.Property(column.Property).OriginalValue;
            if (original is null)
            {
                sql.Append(" IS NULL");
                continue;
            }
            sql.Append(" = @p").Append(values.Count);
            values.Add((column, original));
        }
    }

    // Principals before dependents: a type's rank is one more than the highest rank of the types it refers to. Null
    // (EF Core writes everything) when the types refer to each other in a cycle other than a self-reference.
    private static IReadOnlyDictionary<IEntityType, int>? RankTypes(IModel model)
    {
        var ranks = new Dictionary<IEntityType, int>();
        var visiting = new HashSet<IEntityType>();
        foreach (var type in model.GetEntityTypes())
            if (Rank(type) < 0)
                return null;
        return ranks;

        int Rank(IEntityType type)
        {
            if (ranks.TryGetValue(type, out var known))
                return known;
            if (!visiting.Add(type))
                return -1;
            var rank = 0;
            foreach (var fk in type.GetForeignKeys())
            {
                if (fk.PrincipalEntityType == type)
                    continue;
                var principal = Rank(fk.PrincipalEntityType);
                if (principal < 0)
                    return -1;
                rank = Math.Max(rank, principal + 1);
            }
            visiting.Remove(type);
            ranks[type] = rank;
            return rank;
        }
    }

    private static TablePlan? PlanFor(IEntityType type)
    {
        if (
            type.GetTableName() is not { } table
            || type.BaseType is not null
            || type.GetDerivedTypes().Any()
            || type.IsOwned()
        )
            return null;
        if (
            type.GetComplexProperties().Any()
            || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
        )
            return null;
        var store = StoreObjectIdentifier.Table(table, type.GetSchema());
        // Another type in the same table (table splitting) would need its columns in the same statement.
        if (
            type
                .Model.GetEntityTypes()
                .Any(t =>
                    t != type && t.GetTableName() == table && t.GetSchema() == type.GetSchema()
                )
        )
            return null;
        var key = type.FindPrimaryKey();
        if (key is null)
            return null;
        IProperty? generated = null;
        var columns = new List<Column>();
        foreach (var property in type.GetProperties())
        {
            if (
                property.GetColumnName(store) is not { } name
                || property.GetComputedColumnSql(store) is not null
            )
                return null;
            if (property.ValueGenerated != ValueGenerated.Never)
            {
                // A key generated on add is either the database's (an integer: read back) or EF Core's own, set on the
                // entity when it was added (a Guid: written like any other column). Nothing else may be generated.
                if (
                    key.Properties.Count != 1
                    || key.Properties[0] != property
                    || property.ValueGenerated != ValueGenerated.OnAdd
                )
                    return null;
                if (property.ClrType == typeof(int) || property.ClrType == typeof(long))
                {
                    if (type.GetReferencingForeignKeys().Any())
                        return null;
                    generated = property;
                }
            }
            columns.Add(
                new Column(
                    property,
                    Quote(name),
                    (RelationalTypeMapping)property.GetRelationalTypeMapping()
                )
            );
        }
        var byProperty = columns.ToDictionary(c => c.Property);
        var insert = columns.Where(c => c.Property != generated).ToArray();
        var tableName = type.GetSchema() is { } schema
            ? Quote(schema) + "." + Quote(table)
            : Quote(table);
        var sql = new StringBuilder("INSERT INTO ")
            .Append(tableName)
            .Append(" (")
            .AppendJoin(", ", insert.Select(c => c.Name))
            .Append(") VALUES (");
        sql.AppendJoin(", ", insert.Select((_, i) => "@p" + i)).Append(')');
        if (generated is not null)
            sql.Append(" RETURNING ").Append(byProperty[generated].Name);
        return new TablePlan(
            tableName,
            sql.ToString(),
            insert,
            key.Properties.Select(p => byProperty[p]).ToArray(),
            columns
                .Where(c => c.Property.IsConcurrencyToken && !key.Properties.Contains(c.Property))
                .ToArray(),
            columns.Where(c => !key.Properties.Contains(c.Property)).ToArray(),
            generated is null ? null : byProperty[generated],
            type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type)
        );
    }

    private static string Quote(string name) =>
        "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>One mapped column of a table.</summary>
    internal sealed class Column(IProperty property, string name, RelationalTypeMapping mapping)
    {
        // The property's own converter, else the mapping's: what the type mapping's CreateParameter would apply.
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter =
            property.GetValueConverter() ?? mapping.Converter;

        public IProperty Property { get; } = property;

        public string Name { get; } = name;

        public RelationalTypeMapping Mapping { get; } = mapping;

        /// <summary>The column's parameter: its type mapping and nullability.</summary>
        public (RelationalTypeMapping Mapping, bool Nullable) Parameter =>
            (Mapping, Property.IsNullable);

        // What the type mapping's CreateParameter would put in the parameter: the converted value, or DBNull.
        public object ToProvider(object? value)
        {
            if (value is null)
                return DBNull.Value;
            return _converter is null ? value : _converter.ConvertToProvider(value) ?? DBNull.Value;
        }
    }

    /// <summary>The statements of one table.</summary>
    internal sealed record TablePlan(
        string Table,
        string InsertSql,
        Column[] InsertColumns,
        Column[] Keys,
        Column[] Tokens,
        Column[] Columns,
        Column? GeneratedKey,
        bool RefersToItself
    )
    {
        /// <summary>The insert's parameters (type mapping and nullability of each insert column), shared by its rows.</summary>
        public (RelationalTypeMapping Mapping, bool Nullable)[] InsertParameters { get; } =
            InsertColumns.Select(c => c.Parameter).ToArray();
    }

    /// <summary>One row to write.</summary>
    internal sealed class RowWrite(
        EntityEntry entry,
        TablePlan plan,
        EntityState state,
        int rank,
        Column[]? changed
    )
    {
        public EntityEntry Entry { get; } = entry;

        public TablePlan Plan { get; } = plan;

        public EntityState State { get; } = state;

        public int Rank { get; } = rank;

        public Column[]? Changed { get; } = changed;

        public object? GeneratedKey { get; set; }
    }

    /// <summary>One statement of a save: its SQL, its parameters' type mappings, the values, and the row it writes.</summary>
    /// <param name="Sql">The SQL, parameters named <c>@p0</c>, <c>@p1</c>, …</param>
    /// <param name="Parameters">Each parameter's type mapping and nullability (used when the statement is first compiled).</param>
    /// <param name="Values">Each parameter's provider value (converted, <see cref="DBNull"/> for null).</param>
    /// <param name="Row">The entity row the statement writes, or null for a statement after the rows (counted as no row).</param>
    internal sealed record Statement(
        string Sql,
        IReadOnlyList<(RelationalTypeMapping Mapping, bool Nullable)> Parameters,
        object[] Values,
        RowWrite? Row
    );
}
