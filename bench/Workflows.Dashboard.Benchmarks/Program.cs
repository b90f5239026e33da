// Dashboard benchmark: fill a database with a year of cases (about N tasks), then time each chart's and list's query
// through the server's own DashboardQueries / SlaListQueries / SlaSummaryQueries, print p50/p95/p99 and every statement's plan.
// Usage: dotnet run -c Release -- [--tasks 1000000] [--open-share 0.10] [--iterations 40] [--provider sqlite|postgres|both] [--reuse] [--fill-only]
// [--only TEXT] [--statistics analyze|server]
// (--reuse times the queries on the database a previous run filled, to compare query shapes without refilling;
// --fill-only fills and stops, so a later --reuse run times the queries; with --reuse, --statistics server gives SQLite the
// statistics a running server keeps (SqliteStatistics: PRAGMA optimize from none) instead of a full ANALYZE.)
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Benchmarks;
using Workflows.Dashboard.Benchmarks;
using Workflows.Data;
using Workflows.Server.Application.Dashboard;
using Workflows.Server.Auth;

var tasks = Arg("--tasks", 1_000_000);
var openShare = double.Parse(ArgText("--open-share", "0.10"), CultureInfo.InvariantCulture);
var iterations = Arg("--iterations", 40);
var provider = ArgText("--provider", "both");
var reuse = args.Contains("--reuse");
var fillOnly = args.Contains("--fill-only");

// --only TEXT times just the queries whose name contains TEXT (e.g. "summary").
var only = ArgText("--only", "") is { Length: > 0 } o ? o : null;
var serverStatistics = ArgText("--statistics", "analyze") == "server";
var pg =
    Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

// About 5.6 tasks per case (closed cases: 3..7 staff steps and a rating; open cases have reached one of their steps).
var cases = (int)(tasks / (6.0 * (1 - openShare) + 3.0 * openShare));

if (provider is "sqlite" or "both")
{
    var file = Path.Combine(Path.GetTempPath(), "workflows-dashboard-bench.db");
    if (!reuse)
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    await RunAsync(
        new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={file}",
        },
        FillSqliteAsync
    );
}
if (provider is "postgres" or "both")
{
    const string database = "wf_dashboard_bench";
    if (!reuse)
    {
        await using var admin = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(pg) { Database = "postgres" }.ConnectionString
        );
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS {database} WITH (FORCE)",
            admin
        );
        await drop.ExecuteNonQueryAsync();
    }
    await RunAsync(
        new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(pg)
            {
                Database = database,
            }.ConnectionString,
        },
        FillPostgresAsync
    );
}
return;

async Task RunAsync(WorkflowsDataOptions options, Func<string, DashboardData, Task> fill)
{
    await using (var migrate = WorkflowsDbContextOptions.CreateContext(options))
        await WorkflowsDatabaseMigrator.MigrateAsync(migrate);
    var data = new DashboardData(cases, openShare);
    var watch = Stopwatch.StartNew();
    if (reuse)
    {
        Console.WriteLine(
            $"## {options.Provider}: the database of the previous run (not refilled)"
        );
        await using var check = WorkflowsDbContextOptions.CreateContext(options);
        if (!await check.SlaStepDays.AnyAsync())
            await RebuildRollupAsync(options.ConnectionString, options.Provider);
        // A migration since the fill may have added indexes and rewritten rows: give the planner their statistics (and
        // PostgreSQL its visibility map, for index-only scans).
        check.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        if (serverStatistics && options.Provider == DatabaseProvider.Sqlite)
            await ServerStatistics.ApplyAsync(options);
        else
            await check.Database.ExecuteSqlRawAsync(
                options.Provider == DatabaseProvider.PostgreSql ? "VACUUM ANALYZE" : "ANALYZE"
            );
    }
    else
    {
        await fill(options.ConnectionString, data);
        Console.WriteLine(
            $"## {options.Provider}: {data.Counts["Tasks"]:N0} tasks, {data.Counts["Instances"]:N0} cases ({openShare:P0} open), "
                + $"{data.Counts["SlaClocks"]:N0} SLA clocks, {data.Counts["SupervisionRecords"]:N0} supervision records; filled in {watch.Elapsed.TotalSeconds:F0} s"
        );
    }
    if (fillOnly)
        return;

    var manager = new CurrentUser(
        "manager",
        new HashSet<string>([Roles.Manager]),
        new HashSet<string>(),
        null
    );
    var chief = new CurrentUser(
        "chief.crj",
        new HashSet<string>([Roles.Chief]),
        new HashSet<string>(["bureau:crj/chief"]),
        "crj"
    );
    var all = new DashboardFilter();
    var quarter = new DashboardFilter(From: DashboardData.Now.AddDays(-90), To: DashboardData.Now);
    var queries = new (string Name, Func<WorkflowsDbContext, Task> Run)[]
    {
        (
            "open by bureau and level (manager)",
            db => new DashboardQueries(db).OpenByBureauLevelAsync(manager, all, default)
        ),
        (
            "open by bureau and level (chief, own bureau)",
            db => new DashboardQueries(db).OpenByBureauLevelAsync(chief, all, default)
        ),
        (
            "breaches per day (year)",
            db => new DashboardQueries(db).BreachesByDayAsync(manager, all, default)
        ),
        (
            "breaches per day (last 90 days)",
            db => new DashboardQueries(db).BreachesByDayAsync(manager, quarter, default)
        ),
        (
            "closed on time/late, days used, saved (year)",
            db => new DashboardQueries(db).ByProcedureAsync(manager, all, default)
        ),
        (
            "closed on time/late, days used, saved (90 days)",
            db => new DashboardQueries(db).ByProcedureAsync(manager, quarter, default)
        ),
        (
            "slowest steps (year)",
            db => new DashboardQueries(db).SlowestStepsAsync(manager, all, default)
        ),
        (
            "slowest steps (90 days)",
            db => new DashboardQueries(db).SlowestStepsAsync(manager, quarter, default)
        ),
        (
            "all six charts = /api/dashboard/aggregates (year)",
            db => new DashboardQueries(db).AggregatesAsync(manager, all, default)
        ),
        (
            "open cases list, page 1 of 50",
            db =>
                new SlaListQueries(db).OpenClocksAsync(
                    manager,
                    new OpenClocksFilter(),
                    0,
                    50,
                    default
                )
        ),
        (
            "open cases list, red only",
            db =>
                new SlaListQueries(db).OpenClocksAsync(
                    manager,
                    new OpenClocksFilter(Level: "red"),
                    0,
                    50,
                    default
                )
        ),
        (
            "supervision list, page 1 of 50",
            db => new SlaListQueries(db).SupervisionAsync(manager, null, null, 0, 50, default)
        ),
        (
            "supervision list, open only",
            db => new SlaListQueries(db).SupervisionAsync(manager, "open", null, 0, 50, default)
        ),
        (
            "SLA summary = /api/sla/summary (manager, year)",
            db => new SlaSummaryQueries(db).SummaryAsync(manager, null, null, null, default)
        ),
        (
            "SLA summary (manager, last 90 days)",
            db =>
                new SlaSummaryQueries(db).SummaryAsync(
                    manager,
                    quarter.From,
                    quarter.To,
                    null,
                    default
                )
        ),
        (
            "SLA summary (chief, own bureau, year)",
            db => new SlaSummaryQueries(db).SummaryAsync(chief, null, null, null, default)
        ),
    };
    var log = new StatementLog();
    Console.WriteLine();
    Console.WriteLine("| query | p50 ms | p95 ms | p99 ms |");
    Console.WriteLine("|---|---:|---:|---:|");
    var plans = new List<string>();
    foreach (
        var (name, run) in queries.Where(q =>
            only is null || q.Name.Contains(only, StringComparison.OrdinalIgnoreCase)
        )
    )
    {
        var times = new List<double>();
        for (var n = 0; n < iterations + 3; n++)
        {
            log.Clear();
            await using var db = log.CreateContext(options);
            var sw = Stopwatch.StartNew();
            await run(db);
            if (n >= 3)
                times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(
            $"| {name} | {StatementLog.Percentile(times, 50):F1} | {StatementLog.Percentile(times, 95):F1} | {StatementLog.Percentile(times, 99):F1} |"
        );
        foreach (var (sql, parameters) in log.Statements.DistinctBy(s => s.Sql))
            plans.Add($"{name}: {await QueryPlan.ExplainAsync(options, sql, parameters)}");
    }
    Console.WriteLine();
    Console.WriteLine("Plans (every statement of each query):");
    foreach (var p in plans)
        Console.WriteLine("- " + p);
    Console.WriteLine();
}

static async Task FillSqliteAsync(string connectionString, DashboardData data)
{
    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
    await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using (
        var definitions = new SqliteBulkTable(connection, tx, "Definitions", DefinitionColumns)
    )
        await WriteDefinitionsAsync(definitions);
    var tables = DashboardData.Columns.ToDictionary(
        t => t.Key,
        t => (IBulkTable)new SqliteBulkTable(connection, tx, t.Key, t.Value)
    );
    await data.WriteAsync(tables);
    foreach (var table in tables.Values)
        await table.DisposeAsync();
    await tx.CommitAsync();
    await RebuildRollupAsync(connectionString, DatabaseProvider.Sqlite);
    await ExecAsync(connection, "ANALYZE;");
}

static async Task FillPostgresAsync(string connectionString, DashboardData data)
{
    await using (var connection = new NpgsqlConnection(connectionString))
    {
        await connection.OpenAsync();
        await using var definitions = await PostgresBulkTable.OpenAsync(
            connection,
            "Definitions",
            DefinitionColumns
        );
        await WriteDefinitionsAsync(definitions);
    }
    // One COPY per connection: the four tables are written side by side as the cases are generated.
    var connections = new List<NpgsqlConnection>();
    var tables = new Dictionary<string, IBulkTable>();
    foreach (var (table, columns) in DashboardData.Columns)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        connections.Add(connection);
        tables[table] = await PostgresBulkTable.OpenAsync(connection, table, columns);
    }
    await data.WriteAsync(tables);
    foreach (var table in tables.Values)
        await table.DisposeAsync();
    await RebuildRollupAsync(connectionString, DatabaseProvider.PostgreSql);
    // VACUUM sets the visibility map, as autovacuum would on a settled table: index-only scans then skip the heap.
    await ExecAsync(connections[0], "VACUUM ANALYZE;");
    foreach (var connection in connections)
        await connection.DisposeAsync();
}

// The bulk fill bypasses SaveChanges, so the step rollup is built from the clocks as the migration backfills it.
static async Task RebuildRollupAsync(string connectionString, DatabaseProvider provider)
{
    await using var db = WorkflowsDbContextOptions.CreateContext(
        new WorkflowsDataOptions { Provider = provider, ConnectionString = connectionString }
    );
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
    await SlaStepRollup.RebuildAsync(db);
}

static async Task WriteDefinitionsAsync(IBulkTable definitions)
{
    for (var p = 0; p < DashboardData.Procedures.Length; p++)
    {
        var key = DashboardData.Procedures[p].Key;
        await definitions.RowAsync(
            DashboardData.DefinitionId(p),
            key,
            1,
            key,
            key,
            $"bench-{key}",
            $"<definitions><process id=\"{key}\"/></definitions>",
            "bench",
            DashboardData.Now.AddYears(-1),
            "Published"
        );
    }
}

static async Task ExecAsync(System.Data.Common.DbConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync();
}

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
        ? int.Parse(args[i + 1], CultureInfo.InvariantCulture)
        : fallback;

string ArgText(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

/// <summary>Column names of the Definitions rows the benchmark writes (one published version per procedure).</summary>
internal static partial class Program
{
    private static readonly string[] DefinitionColumns =
    [
        "Id",
        "Key",
        "Version",
        "Name",
        "NameEn",
        "ContentHash",
        "Xml",
        "DeployedBy",
        "DeployedAt",
        "Status",
    ];
}
