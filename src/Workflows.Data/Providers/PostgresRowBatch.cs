// Writes a save's statements (RowWriter's rows, then the statements after them) on PostgreSQL as one NpgsqlBatch in
// a transaction of its own, instead of EF Core's update pipeline. Used by WorkflowsDbContext.SaveChangesAsync.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Workflows.Data.Providers;

/// <summary>
/// One save's statements sent to PostgreSQL in one round trip (<c>BEGIN</c> goes with them), then <c>COMMIT</c>: two
/// round trips per save, whatever the number of rows and of statements after them.
/// </summary>
/// <remarks>
/// <para>
/// Why: on PostgreSQL the server's CPU per instance was a third EF Core (its update pipeline building each save's batch
/// anew: modification commands, column modifications, a parameter per column, results propagated), and each statement
/// after the rows (the removal of a closed task's candidate rows, the SLA rollups' upserts) was a round trip of its
/// own. The SQL is RowWriter's, which is what EF Core would send; Npgsql prepares each statement shape once per
/// connection (<see cref="WorkflowsDbContextOptions"/> turns automatic preparation on).
/// </para>
/// <para>
/// Same contract as EF Core's save: a generated key is read back (<c>RETURNING</c>); an UPDATE or DELETE that matched no
/// row throws <see cref="DbUpdateConcurrencyException"/> and a database error throws <see cref="DbUpdateException"/>
/// around the <see cref="NpgsqlException"/>, with the entry of the row whose statement failed; in both cases the
/// transaction is rolled back, so nothing of the save is written.
/// </para>
/// </remarks>
internal static class PostgresRowBatch
{
    // Type mappings create their parameter through a command; this one is never executed (CreateParameter only news one).
    [ThreadStatic]
    private static NpgsqlCommand? _parameterFactory;

    /// <summary>Writes <paramref name="statements"/> on <paramref name="connection"/> (open), committed together; returns the rows the entity statements affected.</summary>
    public static async Task<int> WriteAsync(NpgsqlConnection connection, List<RowWriter.Statement> statements, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var factory = _parameterFactory ??= new NpgsqlCommand();
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            for (var i = 0; i < statement.Values.Length; i++)
            {
                var (mapping, nullable) = statement.Parameters[i];
                command.Parameters.Add(mapping.CreateParameter(factory, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), statement.Values[i], nullable));
            }
            batch.BatchCommands.Add(command);
        }
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                // One result set per statement that returns rows: the generated keys, in statement order.
                foreach (var statement in statements)
                {
                    if (statement.Row is not { State: EntityState.Added, Plan.GeneratedKey: { } key } row)
                        continue;
                    if (!await reader.ReadAsync(cancellationToken))
                        throw new InvalidOperationException($"The insert into {row.Plan.Table} returned no generated key.");
                    row.GeneratedKey = Convert.ChangeType(reader.GetValue(0), key.Property.ClrType, System.Globalization.CultureInfo.InvariantCulture);
                    await reader.NextResultAsync(cancellationToken);
                }
            }
            var affected = 0;
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i].Row is not { } row)
                    continue;
                var count = batch.BatchCommands[i].RecordsAffected;
                if (count != 1)
                    throw new DbUpdateConcurrencyException(
                        $"The database operation was expected to affect 1 row(s), but actually affected {count} row(s); data may have been modified or deleted since entities were loaded.",
                        RowWriter.Entries(row.Entry)
                    );
                affected += count;
            }
            await transaction.CommitAsync(cancellationToken);
            return affected;
        }
        catch (NpgsqlException ex)
        {
            var failed = ex.BatchCommand is { } command ? batch.BatchCommands.IndexOf(command) : -1;
            var entries = failed >= 0 && statements[failed].Row is { } row ? RowWriter.Entries(row.Entry) : [];
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", ex, entries);
        }
    }
}
