// Checks that need no database server: each provider's migrations match the model, and the SQL Server script is complete
// (no SQL Server engine exists here, so this is how SQL Server support is guarded).
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Data.Providers;

namespace Workflows.Data.Tests.Model;

public sealed class MigrationConsistencyTests
{
    private static WorkflowsDbContext DesignTimeContext(DatabaseProvider provider) =>
        provider switch
        {
            DatabaseProvider.Sqlite => new SqliteDesignTimeFactory().CreateDbContext([]),
            DatabaseProvider.PostgreSql => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
            DatabaseProvider.SqlServer => new SqlServerDesignTimeFactory().CreateDbContext([]),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Migrations_match_the_model(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(
            context.Database.HasPendingModelChanges(),
            $"The {provider} model has changes with no migration: see src/Workflows.Data/Migrations/README.md."
        );
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Each_provider_context_owns_only_its_migrations(DatabaseProvider provider)
    {
        using var context = DesignTimeContext(provider);

        var assembly = context.GetService<IMigrationsAssembly>();

        Assert.All(
            assembly.Migrations.Values,
            type => Assert.EndsWith("." + provider, type.Namespace)
        );
    }

    [Fact]
    public void Sql_server_script_creates_every_table_without_a_server()
    {
        using var context = DesignTimeContext(DatabaseProvider.SqlServer);
        var tables = context
            .Model.GetEntityTypes()
            .Select(e => e.GetTableName())
            .OfType<string>()
            .Distinct()
            .ToList();

        var script = context.GetService<IMigrator>().GenerateScript();

        Assert.Contains("Definitions", tables);
        Assert.Contains("AspNetUsers", tables);
        Assert.All(tables, table => Assert.Contains($"CREATE TABLE [{table}]", script));
        Assert.Contains("[DueAt] datetimeoffset", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Outbox_IdempotencyKey]", script);
    }

    [Fact]
    public void Sql_server_can_index_every_indexed_column()
    {
        // SQL Server cannot index nvarchar(max) and limits a nonclustered index key to 1700 bytes.
        using var context = DesignTimeContext(DatabaseProvider.SqlServer);
        var tables = context.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables;

        foreach (var index in tables.SelectMany(t => t.Indexes))
        {
            var bytes = index.Columns.Sum(column => StoreBytes(column.StoreType));

            Assert.True(
                bytes <= 1700,
                $"Index {index.Name} ({string.Join(", ", index.Columns.Select(c => c.StoreType))}) is {bytes} bytes wide."
            );
        }
    }

    private static int StoreBytes(string storeType)
    {
        var match = Regex.Match(storeType, @"^nvarchar\((\d+)\)$");
        return match.Success ? 2 * int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : storeType.Contains("(max)", StringComparison.Ordinal) ? int.MaxValue / 64
            : 16;
    }
}
