// PostgreSQL connections prepare the statements a command repeats (Npgsql automatic preparation), unless configured off.
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class PostgresStatementPreparationTests
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_automatic_preparation()
    {
        var csb = new NpgsqlConnectionStringBuilder(WorkflowsDbContextOptions.WithStatementPreparation("Host=db;Username=u;Password=p"));

        Assert.Equal(WorkflowsDbContextOptions.DefaultMaxAutoPrepare, csb.MaxAutoPrepare);
        Assert.Equal(2, csb.AutoPrepareMinUsages);
        Assert.Equal("db", csb.Host);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=db;MaxAutoPrepare=10;Auto Prepare Min Usages=7", 10, 7)]
    public void A_configured_value_wins(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var csb = new NpgsqlConnectionStringBuilder(WorkflowsDbContextOptions.WithStatementPreparation(connectionString));

        Assert.Equal(maxAutoPrepare, csb.MaxAutoPrepare);
        Assert.Equal(minUsages, csb.AutoPrepareMinUsages);
    }

    [PostgresFact]
    public async Task A_query_run_twice_on_a_connection_is_prepared_on_the_server()
    {
        var name = "wf_test_" + Guid.NewGuid().ToString("N");
        var options = new WorkflowsDataOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = PostgresTestDatabase.ConnectionStringFor(name) };
        try
        {
            await using (var migrate = WorkflowsDbContextOptions.CreateContext(options))
                await WorkflowsDatabaseMigrator.MigrateAsync(migrate);

            await using var db = WorkflowsDbContextOptions.CreateContext(options);
            await db.Database.OpenConnectionAsync();
            for (var i = 0; i < 3; i++)
                await db.Instances.Where(x => x.BusinessKey == "BK-" + i).CountAsync();

            var prepared = await db.Database
                .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
                .ToListAsync();
            Assert.Contains(prepared, s => s.Contains("\"BusinessKey\"", StringComparison.Ordinal));
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(name);
        }
    }
}
