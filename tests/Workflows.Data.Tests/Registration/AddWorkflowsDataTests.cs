// Configuration-driven registration: provider choice, SQLite default file, migration at startup.
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data.Providers;

namespace Workflows.Data.Tests.Registration;

public sealed class AddWorkflowsDataTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(
        Path.GetTempPath(),
        "workflows-data-tests",
        Guid.NewGuid().ToString("N")
    );

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(
                values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
            )
            .Build();

    [Fact]
    public async Task Default_is_a_sqlite_file_under_app_data_that_migrates_at_startup()
    {
        await using var provider = new ServiceCollection()
            .AddWorkflowsData(Config(), _contentRoot)
            .BuildServiceProvider();

        await provider.MigrateWorkflowsDatabaseAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "App_Data", "workflows.db")));
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        Assert.IsType<SqliteWorkflowsDbContext>(context);
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        await using var fromFactory = await provider
            .GetRequiredService<IDbContextFactory<WorkflowsDbContext>>()
            .CreateDbContextAsync();
        Assert.IsType<SqliteWorkflowsDbContext>(fromFactory);
        Assert.Equal(0, await fromFactory.Definitions.CountAsync());
    }

    [Fact]
    public async Task Relative_sqlite_path_is_resolved_against_the_content_root()
    {
        var services = new ServiceCollection().AddWorkflowsData(
            Config(("ConnectionStrings:Workflows", "Data Source=data/wf.db")),
            _contentRoot
        );
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateWorkflowsDatabaseAsync();

        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "wf.db")));
    }

    [Theory]
    [InlineData("postgresql", DatabaseProvider.PostgreSql, typeof(PostgreSqlWorkflowsDbContext))]
    [InlineData("SqlServer", DatabaseProvider.SqlServer, typeof(SqlServerWorkflowsDbContext))]
    public void Provider_is_chosen_by_configuration(
        string name,
        DatabaseProvider expected,
        Type contextType
    )
    {
        var configuration = Config(
            ("Database:Provider", name),
            ("ConnectionStrings:Workflows", "Host=localhost;Database=x;Server=localhost")
        );
        using var provider = new ServiceCollection()
            .AddWorkflowsData(configuration, _contentRoot)
            .BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.Equal(expected, provider.GetRequiredService<WorkflowsDataOptions>().Provider);
        Assert.IsType(contextType, scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>());
    }

    [Fact]
    public void Server_providers_require_a_connection_string()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WorkflowsDataOptions.FromConfiguration(
                Config(("Database:Provider", "PostgreSql")),
                _contentRoot
            )
        );

        Assert.Contains("ConnectionStrings:Workflows", error.Message);
    }

    [Fact]
    public void Unknown_provider_is_rejected_with_the_known_names()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            WorkflowsDataOptions.FromConfiguration(
                Config(("Database:Provider", "Oracle")),
                _contentRoot
            )
        );

        Assert.Contains("Sqlite, PostgreSql, SqlServer", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_contentRoot))
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
    }
}
