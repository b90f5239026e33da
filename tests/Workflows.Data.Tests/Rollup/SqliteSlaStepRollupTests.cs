// The rollup specification on a real SQLite file.
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Rollup;

public sealed class SqliteSlaStepRollupTests(SqliteTestDatabase database)
    : SlaStepRollupSpecification(database),
        IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public Task Rollup_follows_stops_restarts_deletes_and_rollbacks_on_sqlite() =>
        Rollup_follows_stops_restarts_deletes_and_rollbacks();

    [Fact]
    public Task Concurrent_stops_of_one_step_and_day_are_all_counted_on_sqlite() =>
        Concurrent_stops_of_one_step_and_day_are_all_counted();

    [Fact]
    public Task Rebuild_gives_the_rows_the_saves_kept_on_sqlite() =>
        Rebuild_gives_the_rows_the_saves_kept();

    [Fact]
    public Task Breach_day_is_the_office_day_of_the_breach_on_sqlite() =>
        Breach_day_is_the_office_day_of_the_breach();
}
