// Writes a save's statements (RowWriter's rows, then the statements after them) on PostgreSQL as one NpgsqlBatch, in
// the batch's implicit transaction, instead of EF Core's update pipeline. Used by WorkflowsDbContext.SaveChangesAsync.
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Workflows.Data.Providers;

/// <summary>
/// One save's statements sent to PostgreSQL in one round trip, committed by PostgreSQL at the batch's end (the
/// statements of a batch outside a transaction run in one implicit transaction): one round trip per save, whatever the
/// number of rows and of statements after them, where EF Core's save took two (the batch with <c>BEGIN</c>, then
/// <c>COMMIT</c>) and one more per statement after the rows.
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
/// transaction is rolled back, so nothing of the save is written. Because the commit comes with the batch, the match of
/// an UPDATE or DELETE cannot be checked between the batch and the commit, as EF Core does: each runs as
/// <c>WITH w AS (… RETURNING 1) SELECT 1 / count(*) FROM w</c>, which fails the batch (division by zero, read back as
/// the concurrency exception) when the row was changed or deleted since it was read.
/// </para>
/// </remarks>
internal static class PostgresRowBatch
{
    // Type mappings create their parameter through a command; this one is never executed (CreateParameter only news one).
    [ThreadStatic]
    private static NpgsqlCommand? _parameterFactory;

    /// <summary>Writes <paramref name="statements"/> on <paramref name="connection"/> (open, no transaction), committed together; returns the rows the entity statements affected.</summary>
    public static async Task<int> WriteAsync(
        NpgsqlConnection connection,
        List<RowWriter.Statement> statements,
        CancellationToken cancellationToken
    )
    {
        // No explicit transaction: the statements of a batch run in one implicit transaction, committed at its end and
        // rolled back whole if one fails. So a row that must be matched (UPDATE, DELETE) is checked inside the batch.
        await using var batch = new NpgsqlBatch(connection);
        var factory = _parameterFactory ??= new NpgsqlCommand();
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(
                statement.Row is { State: EntityState.Modified or EntityState.Deleted }
                    ? Checked(statement.Sql)
                    : statement.Sql
            );
            for (var i = 0; i < statement.Values.Length; i++)
            {
                var (mapping, nullable) = statement.Parameters[i];
                command.Parameters.Add(
                    mapping.CreateParameter(
                        factory,
                        "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        statement.Values[i],
                        nullable
                    )
                );
            }
            batch.BatchCommands.Add(command);
        }
        // The statements that return a row, in order: an insert's generated key, a checked row's 1. The one being
        // reached when the batch fails is the failed statement if it was a checked one (only those divide).
        var returning = statements
            .Where(s =>
                s.Row is { } row
                && (row.State != EntityState.Added || row.Plan.GeneratedKey is not null)
            )
            .ToList();
        var reaching = 0;
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                for (; reaching < returning.Count; reaching++)
                {
                    var row = returning[reaching].Row!;
                    if (reaching > 0)
                        await reader.NextResultAsync(cancellationToken);
                    if (!await reader.ReadAsync(cancellationToken))
                        throw new InvalidOperationException(
                            $"The statement on {row.Plan.Table} returned no row."
                        );
                    if (row.State == EntityState.Added)
                        row.GeneratedKey = Convert.ChangeType(
                            reader.GetValue(0),
                            row.Plan.GeneratedKey!.Property.ClrType,
                            System.Globalization.CultureInfo.InvariantCulture
                        );
                }
                // The rest of the batch, to its end (and the commit).
                while (await reader.NextResultAsync(cancellationToken)) { }
            }
            return statements.Count(s => s.Row is not null);
        }
        catch (PostgresException ex)
            when (ex.SqlState == PostgresErrorCodes.DivisionByZero
                && reaching < returning.Count
                && returning[reaching].Row
                    is { State: EntityState.Modified or EntityState.Deleted } row
            )
        {
            throw RowWriter.NotMatched(row, 0);
        }
        catch (NpgsqlException ex)
        {
            // Npgsql names the failed batch command when it can.
            throw RowWriter.Failed(
                ex,
                ex.BatchCommand is { } command
                && batch.BatchCommands.IndexOf(command) is >= 0 and var i
                    ? statements[i].Row
                    : null
            );
        }
    }

    // An UPDATE or DELETE that fails the batch (division by zero) when it matched no row: EF Core's concurrency check,
    // made before the implicit transaction commits.
    private static string Checked(string sql) =>
        "WITH w AS (" + sql + " RETURNING 1) SELECT 1 / count(*) FROM w";
}
