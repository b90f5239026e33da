// RowWriterSpecification on a real PostgreSQL database of its own: rows go as one batch (PostgresRowBatch). Skipped
// without WORKFLOWS_TEST_POSTGRES.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Workflows.Data.Providers;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class PostgresRowWriterTests(PostgresTestDatabase database)
    : RowWriterSpecification(database),
        IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public Task Rows_written_directly_are_stored_exactly_as_EF_Core_stores_them_on_postgres() =>
        Rows_written_directly_are_stored_exactly_as_EF_Core_stores_them();

    [PostgresFact]
    public Task Generated_keys_come_back_and_later_changes_update_and_delete_the_rows_on_postgres() =>
        Generated_keys_come_back_the_entries_are_accepted_and_later_changes_update_and_delete_the_rows();

    [PostgresFact]
    public Task A_stale_version_throws_a_concurrency_exception_and_nothing_is_written_on_postgres() =>
        A_stale_version_throws_a_concurrency_exception_and_nothing_of_the_save_is_written();

    [PostgresFact]
    public Task A_stale_row_among_fresh_ones_is_named_and_nothing_is_written_on_postgres() =>
        A_stale_row_among_fresh_ones_names_that_row_and_nothing_of_the_save_is_written();

    [PostgresFact]
    public Task Deleting_a_row_already_deleted_is_a_concurrency_exception_on_postgres() =>
        Deleting_a_row_already_deleted_is_a_concurrency_exception();

    [PostgresFact]
    public Task A_duplicate_key_is_a_unique_violation_and_nothing_is_written_on_postgres() =>
        A_duplicate_key_is_a_unique_violation_and_nothing_of_the_save_is_written();

    [PostgresFact]
    public Task The_rows_go_through_the_batch_unless_a_caller_holds_a_transaction_on_postgres() =>
        The_rows_of_a_command_go_through_the_writer_and_not_through_EF_Core_unless_a_caller_holds_a_transaction();

    protected override async Task<List<string>> RawAsync(
        string table,
        string keyColumn,
        object key,
        string[] leaveOut
    )
    {
        await using var connection = new NpgsqlConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = @key";
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no {table} row {key}");
        return Columns(reader, leaveOut);
    }

    protected override WorkflowsDbContext WithInterceptor(IInterceptor interceptor)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlWorkflowsDbContext>();
        WorkflowsDbContextOptions.Configure(builder, database.Options).AddInterceptors(interceptor);
        return new PostgreSqlWorkflowsDbContext(builder.Options);
    }
}
