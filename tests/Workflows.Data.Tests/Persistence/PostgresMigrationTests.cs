// Multi-node start on PostgreSQL: several nodes migrating the same new database at once all succeed, once.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Tests.Infrastructure;

namespace Workflows.Data.Tests.Persistence;

public sealed class PostgresMigrationTests
{
    [PostgresFact]
    public async Task Nodes_migrating_a_new_database_concurrently_all_succeed()
    {
        var name = "wf_test_" + Guid.NewGuid().ToString("N");
        var options = new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = PostgresTestDatabase.ConnectionStringFor(name),
        };
        try
        {
            var contexts = Enumerable
                .Range(0, 3)
                .Select(_ => WorkflowsDbContextOptions.CreateContext(options))
                .ToList();
            await Task.WhenAll(
                contexts.Select(c => Task.Run(() => WorkflowsDatabaseMigrator.MigrateAsync(c)))
            );
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }

            await using var check = WorkflowsDbContextOptions.CreateContext(options);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
            Assert.Equal(
                check.Database.GetMigrations(),
                await check.Database.GetAppliedMigrationsAsync()
            );
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(name);
        }
    }
}
