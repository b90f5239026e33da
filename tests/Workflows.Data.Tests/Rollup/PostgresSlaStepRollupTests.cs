// The rollup specification on a real PostgreSQL database of its own (skipped without WORKFLOWS_TEST_POSTGRES).
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Rollup;

public sealed class PostgresSlaStepRollupTests(PostgresTestDatabase database)
    : SlaStepRollupSpecification(database),
        IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public Task Rollup_follows_stops_restarts_deletes_and_rollbacks_on_postgres() =>
        Rollup_follows_stops_restarts_deletes_and_rollbacks();

    [PostgresFact]
    public Task Concurrent_stops_of_one_step_and_day_are_all_counted_on_postgres() =>
        Concurrent_stops_of_one_step_and_day_are_all_counted();

    [PostgresFact]
    public Task Rebuild_gives_the_rows_the_saves_kept_on_postgres() =>
        Rebuild_gives_the_rows_the_saves_kept();

    [PostgresFact]
    public Task Breach_day_is_the_office_day_of_the_breach_on_postgres() =>
        Breach_day_is_the_office_day_of_the_breach();
}
