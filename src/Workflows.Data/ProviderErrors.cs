// Recognizes provider error codes behind DbUpdateException, so callers can treat a duplicate key as "already done".
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Workflows.Data;

/// <summary>
/// Classifies database errors across providers. A concurrency conflict needs no helper: EF Core throws
/// <see cref="DbUpdateConcurrencyException"/> when a <c>Version</c> token no longer matches.
/// </summary>
public static class ProviderErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const string PostgresUniqueViolation = "23505";
    private const int SqlServerUniqueIndex = 2601;
    private const int SqlServerUniqueConstraint = 2627;

    /// <summary>
    /// True when the save failed because a unique index or primary key already holds the value
    /// (SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY, PostgreSQL 23505, SQL Server 2601/2627).
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (
            Exception? inner = exception.InnerException;
            inner is not null;
            inner = inner.InnerException
        )
        {
            switch (inner)
            {
                case SqliteException sqlite when sqlite.SqliteErrorCode == SqliteConstraint:
                    return sqlite.SqliteExtendedErrorCode
                        is SqliteConstraintUnique
                            or SqliteConstraintPrimaryKey;
                case PostgresException postgres:
                    return postgres.SqlState == PostgresUniqueViolation;
                case Microsoft.Data.SqlClient.SqlException sqlServer:
                    return sqlServer
                        .Errors.Cast<Microsoft.Data.SqlClient.SqlError>()
                        .Any(e => e.Number is SqlServerUniqueIndex or SqlServerUniqueConstraint);
            }
        }

        return false;
    }

    /// <summary>True for an optimistic concurrency conflict (a row's <c>Version</c> changed since it was read).</summary>
    public static bool IsConcurrencyConflict(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException;
}
