// PostgreSQL connections prepare the statements a command repeats (Npgsql automatic preparation) and are not reset on
// their way back to the pool, unless the connection string says otherwise.
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_without_the_settings_gets_automatic_preparation_and_no_reset_on_close()
    {
        var csb = new NpgsqlConnectionStringBuilder(
            WorkflowsDbContextOptions.WithConnectionDefaults("Host=db;Username=u;Password=p")
        );

        Assert.Equal(WorkflowsDbContextOptions.DefaultMaxAutoPrepare, csb.MaxAutoPrepare);
        Assert.Equal(2, csb.AutoPrepareMinUsages);
        Assert.True(csb.NoResetOnClose);
        Assert.Equal("db", csb.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 2, true)]
    [InlineData("Host=db;MaxAutoPrepare=10;Auto Prepare Min Usages=7", 10, 7, true)]
    [InlineData(
        "Host=db;No Reset On Close=false",
        WorkflowsDbContextOptions.DefaultMaxAutoPrepare,
        2,
        false
    )]
    [InlineData(
        "Host=db;NoResetOnClose=false",
        WorkflowsDbContextOptions.DefaultMaxAutoPrepare,
        2,
        false
    )]
    public void A_configured_value_wins(
        string connectionString,
        int maxAutoPrepare,
        int minUsages,
        bool noResetOnClose
    )
    {
        var csb = new NpgsqlConnectionStringBuilder(
            WorkflowsDbContextOptions.WithConnectionDefaults(connectionString)
        );

        Assert.Equal(maxAutoPrepare, csb.MaxAutoPrepare);
        Assert.Equal(minUsages, csb.AutoPrepareMinUsages);
        Assert.Equal(noResetOnClose, csb.NoResetOnClose);
    }

    [PostgresFact]
    public async Task A_context_connection_back_from_the_pool_keeps_its_session_as_it_was()
    {
        Assert.Equal("7MB", await WorkMemAfterReuseAsync(""));
    }

    [PostgresFact]
    public async Task A_context_connection_back_from_the_pool_is_reset_when_the_connection_string_asks()
    {
        Assert.NotEqual("7MB", await WorkMemAfterReuseAsync(";No Reset On Close=false"));
    }

    // Sets work_mem on a context's connection, closes it, and reads work_mem on the next context's connection: the same
    // physical connection (a pool of one, its own by its application name), reset or not on its way back to the pool.
    private static async Task<string> WorkMemAfterReuseAsync(string setting)
    {
        var options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString =
                PostgresTestDatabase.ConnectionStringFor("postgres")
                + ";Maximum Pool Size=1;Application Name=wf-reset-"
                + Guid.NewGuid().ToString("N")[..8]
                + setting,
        };
        await using (var first = WorkflowsDbContextOptions.CreateContext(options))
        {
            await first.Database.OpenConnectionAsync();
            await first.Database.ExecuteSqlRawAsync("SET work_mem = '7MB'");
        }
        await using var second = WorkflowsDbContextOptions.CreateContext(options);
        return await second
            .Database.SqlQueryRaw<string>("SELECT current_setting('work_mem') AS \"Value\"")
            .SingleAsync();
    }

    [PostgresFact]
    public async Task A_query_run_twice_on_a_connection_is_prepared_on_the_server()
    {
        var name = "wf_test_" + Guid.NewGuid().ToString("N");
        var options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = PostgresTestDatabase.ConnectionStringFor(name),
        };
        try
        {
            await using (var migrate = WorkflowsDbContextOptions.CreateContext(options))
                await WorkflowsDatabaseMigrator.MigrateAsync(migrate);

            await using var db = WorkflowsDbContextOptions.CreateContext(options);
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 3; i++)
                await db.Instances.Where(x => x.BusinessKey == "BK-" + i).CountAsync();

            var prepared = await db
                .Database.SqlQueryRaw<string>(
                    "SELECT statement AS \"Value\" FROM pg_prepared_statements"
                )
                .ToListAsync();
            Assert.Contains(prepared, s => s.Contains("\"BusinessKey\"", StringComparison.Ordinal));
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(name);
        }
    }
}
