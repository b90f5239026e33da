// The persistence specification on a real SQLite file, plus what only SQLite needs (WAL).
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class SqlitePersistenceTests(SqliteTestDatabase database)
    : PersistenceSpecification(database),
        IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Connections_run_in_wal_mode()
    {
        await using var context = Database.CreateContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Date_times_are_stored_as_utc_ticks()
    {
        var timer = Samples.Timer("ticks", Samples.T0);
        await using (var write = Database.CreateContext())
        {
            write.Timers.Add(timer);
            await write.SaveChangesAsync();
        }

        await using var read = Database.CreateContext();
        await read.Database.OpenConnectionAsync();
        await using var command = read.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT DueAt FROM Timers WHERE Id = '{timer.Id}'";

        Assert.Equal(Samples.T0.UtcTicks, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public Task Every_entity_round_trips_on_sqlite() => Every_entity_round_trips();

    [Fact]
    public Task Non_utc_offsets_are_saved_as_the_same_instant_in_utc_on_sqlite() =>
        Non_utc_offsets_are_saved_as_the_same_instant_in_utc();

    [Fact]
    public Task Second_writer_of_a_stale_instance_gets_a_concurrency_exception_on_sqlite() =>
        Second_writer_of_a_stale_instance_gets_a_concurrency_exception();

    [Fact]
    public Task Stale_timer_claim_is_rejected_on_sqlite() => Stale_timer_claim_is_rejected_too();

    [Fact]
    public Task Duplicate_idempotency_key_is_a_unique_violation_on_sqlite() =>
        Duplicate_idempotency_key_is_a_unique_violation();

    [Fact]
    public Task Duplicate_primary_key_is_a_unique_violation_on_sqlite() =>
        Duplicate_primary_key_is_a_unique_violation();

    [Fact]
    public Task Foreign_key_violation_is_not_a_unique_violation_on_sqlite() =>
        Foreign_key_violation_is_not_a_unique_violation();

    [Fact]
    public Task Pending_timers_are_filtered_and_ordered_by_due_date_in_sql_on_sqlite() =>
        Pending_timers_are_filtered_and_ordered_by_due_date_in_sql();

    [Fact]
    public Task Inbox_orders_open_tasks_of_a_candidate_group_by_due_date_on_sqlite() =>
        Inbox_orders_open_tasks_of_a_candidate_group_by_nullable_due_date();

    [Fact]
    public Task Closing_a_task_removes_its_candidate_rows_in_the_same_transaction_on_sqlite() =>
        Closing_a_task_removes_its_candidate_rows_in_the_same_transaction();
}
