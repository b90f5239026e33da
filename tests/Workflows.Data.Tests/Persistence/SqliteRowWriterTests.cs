// RowWriterSpecification on a SQLite file: rows go through the file's group writer (SqliteCommitGroups).
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqliteRowWriterTests(SqliteTestDatabase database)
    : RowWriterSpecification(database),
        IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public Task Rows_written_directly_are_stored_exactly_as_EF_Core_stores_them_on_sqlite() =>
        Rows_written_directly_are_stored_exactly_as_EF_Core_stores_them();

    [Fact]
    public Task Generated_keys_come_back_and_later_changes_update_and_delete_the_rows_on_sqlite() =>
        Generated_keys_come_back_the_entries_are_accepted_and_later_changes_update_and_delete_the_rows();

    [Fact]
    public Task A_stale_version_throws_a_concurrency_exception_and_nothing_is_written_on_sqlite() =>
        A_stale_version_throws_a_concurrency_exception_and_nothing_of_the_save_is_written();

    [Fact]
    public Task A_stale_row_among_fresh_ones_is_named_and_nothing_is_written_on_sqlite() =>
        A_stale_row_among_fresh_ones_names_that_row_and_nothing_of_the_save_is_written();

    [Fact]
    public Task Deleting_a_row_already_deleted_is_a_concurrency_exception_on_sqlite() =>
        Deleting_a_row_already_deleted_is_a_concurrency_exception();

    [Fact]
    public Task A_duplicate_key_is_a_unique_violation_and_nothing_is_written_on_sqlite() =>
        A_duplicate_key_is_a_unique_violation_and_nothing_of_the_save_is_written();

    [Fact]
    public Task The_rows_go_through_the_writer_unless_a_caller_holds_a_transaction_on_sqlite() =>
        The_rows_of_a_command_go_through_the_writer_and_not_through_EF_Core_unless_a_caller_holds_a_transaction();

    // SQLite stores a Guid key as upper-case text.
    protected override async Task<List<string>> RawAsync(
        string table,
        string keyColumn,
        object key,
        string[] leaveOut
    )
    {
        await using var connection = new SqliteConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = $key";
        command.Parameters.AddWithValue(
            "$key",
            key is Guid guid ? guid.ToString().ToUpperInvariant() : key
        );
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no {table} row {key}");
        return Columns(reader, leaveOut);
    }

    protected override WorkflowsDbContext WithInterceptor(IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.Configure(builder, database.Options).AddInterceptors(interceptor);
        return new SqliteWorkflowsDbContext(builder.Options);
    }
}
