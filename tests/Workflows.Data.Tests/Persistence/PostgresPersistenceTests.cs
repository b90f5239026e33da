// The persistence specification on a real PostgreSQL database of its own (skipped without WORKFLOWS_TEST_POSTGRES).
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class PostgresPersistenceTests(PostgresTestDatabase database)
    : PersistenceSpecification(database),
        IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public Task Every_entity_round_trips_on_postgres() => Every_entity_round_trips();

    [PostgresFact]
    public Task Non_utc_offsets_are_saved_as_the_same_instant_in_utc_on_postgres() =>
        Non_utc_offsets_are_saved_as_the_same_instant_in_utc();

    [PostgresFact]
    public Task Second_writer_of_a_stale_instance_gets_a_concurrency_exception_on_postgres() =>
        Second_writer_of_a_stale_instance_gets_a_concurrency_exception();

    [PostgresFact]
    public Task Stale_timer_claim_is_rejected_on_postgres() => Stale_timer_claim_is_rejected_too();

    [PostgresFact]
    public Task Duplicate_idempotency_key_is_a_unique_violation_on_postgres() =>
        Duplicate_idempotency_key_is_a_unique_violation();

    [PostgresFact]
    public Task Duplicate_primary_key_is_a_unique_violation_on_postgres() =>
        Duplicate_primary_key_is_a_unique_violation();

    [PostgresFact]
    public Task Foreign_key_violation_is_not_a_unique_violation_on_postgres() =>
        Foreign_key_violation_is_not_a_unique_violation();

    [PostgresFact]
    public Task Pending_timers_are_filtered_and_ordered_by_due_date_in_sql_on_postgres() =>
        Pending_timers_are_filtered_and_ordered_by_due_date_in_sql();

    [PostgresFact]
    public Task Inbox_orders_open_tasks_of_a_candidate_group_by_due_date_on_postgres() =>
        Inbox_orders_open_tasks_of_a_candidate_group_by_nullable_due_date();

    [PostgresFact]
    public Task Closing_a_task_removes_its_candidate_rows_in_the_same_transaction_on_postgres() =>
        Closing_a_task_removes_its_candidate_rows_in_the_same_transaction();
}
