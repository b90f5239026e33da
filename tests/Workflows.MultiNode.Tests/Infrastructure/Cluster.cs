// Two (or more) server processes on one fresh PostgreSQL database, with a catalogue of only the directory and calendars.
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Data;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>A database, a catalogue folder and the nodes running on them; disposing kills the nodes and drops the database.</summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string _database = "wf_mn_" + Guid.NewGuid().ToString("N");
    private readonly string _catalog = Path.Combine(
        Path.GetTempPath(),
        "wf-mn-" + Guid.NewGuid().ToString("N")
    );
    private readonly List<ServerNode> _nodes = [];
    private ServiceProvider? _data;

    /// <summary>Creates the catalogue folder (directory.json and calendars, no BPMN).</summary>
    public Cluster()
    {
        Directory.CreateDirectory(Path.Combine(_catalog, "calendars"));
        File.Copy(
            Path.Combine(RepositoryPaths.TestCatalog, "directory.json"),
            Path.Combine(_catalog, "directory.json")
        );
        foreach (
            var file in Directory.EnumerateFiles(
                Path.Combine(RepositoryPaths.TestCatalog, "calendars"),
                "*.json"
            )
        )
            File.Copy(file, Path.Combine(_catalog, "calendars", Path.GetFileName(file)));
    }

    /// <summary>The connection string of the cluster's database.</summary>
    public string ConnectionString => For(_database);

    /// <summary>
    /// What every node gets: PostgreSQL, Hangfire on the database, demo users, a sweep every 5 s (so a dead node's leftovers
    /// are picked up within the specs' time bounds) and enough command retries for 20 commands racing on one instance.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment =>
        new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Workflows"] = ConnectionString,
            ["Hangfire__Storage"] = "Database",
            ["Hangfire__SweepCron"] = "*/5 * * * * *",
            ["Workflows__CatalogPath"] = _catalog,
            ["Workflows__CommandRetries"] = "30",
            ["Demo__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error",
            ["Logging__LogLevel__Hangfire"] = "Error",
        };

    /// <summary>The nodes started so far.</summary>
    public IReadOnlyList<ServerNode> Nodes => _nodes;

    /// <summary>Migrates with the CLI, then starts <paramref name="count"/> nodes at once and waits until all are ready.</summary>
    public async Task StartAsync(int count = 2)
    {
        var (exit, output) = await ServerNode.RunCommandAsync(Environment, "migrate");
        Assert.True(exit == 0, $"migrate exited {exit}:\n{output}");
        for (var i = 0; i < count; i++)
            _nodes.Add(ServerNode.Start(((char)('A' + i)).ToString(), Environment));
        await Task.WhenAll(_nodes.Select(n => n.WaitReadyAsync()));
    }

    /// <summary>Runs a query on the cluster's database through the application's own data model.</summary>
    public async Task<T> QueryAsync<T>(Func<WorkflowsDbContext, Task<T>> query)
    {
        _data ??= new ServiceCollection()
            .AddWorkflowsData(
                new WorkflowsDataOptions
                {
                    Provider = DatabaseProvider.PostgreSql,
                    ConnectionString = ConnectionString,
                }
            )
            .BuildServiceProvider();
        using var scope = _data.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        return await query(db);
    }

    /// <summary>Runs SQL on the cluster's database (to break consistency on purpose).</summary>
    public Task<int> ExecuteAsync(string sql) =>
        QueryAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        if (_data is not null)
            await _data.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(For("postgres")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
        try
        {
            Directory.Delete(_catalog, recursive: true);
        }
        catch (IOException) { }
    }

    private static string For(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresFactAttribute.ConnectionString)
        {
            Database = database,
        }.ConnectionString;
}
