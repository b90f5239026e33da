// Inbox benchmark: fill a database with N tasks, time the inbox queries through the server's Inbox, print p50/p95/p99
// and each query's plan. Usage: dotnet run -c Release -- [--tasks 1000000] [--open 100000] [--provider sqlite|postgres|both]
// [--iterations 200] [--name workflows-inbox-bench] [--reuse] [--only <substring of a query name>] [--sql] [--statistics analyze|server]
// --reuse times the database a previous run with the same --name and --tasks filled (migrated to the current schema).
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workflows.Benchmarks;
using Workflows.Data;
using Workflows.Inbox.Benchmarks;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Auth;

var total = Arg("--tasks", 1_000_000);
var open = Arg("--open", total / 10);
var iterations = Arg("--iterations", 200);
var provider = ArgText("--provider", "both");
var name = ArgText("--name", "workflows-inbox-bench");
var reuse = args.Contains("--reuse");
var only = ArgText("--only", "");
var printSql = args.Contains("--sql");

// With --reuse on SQLite: the statistics a running server keeps (SqliteStatistics, from none) instead of the fill's ANALYZE.
var serverStatistics = ArgText("--statistics", "analyze") == "server";
var pg =
    Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

if (provider is "sqlite" or "both")
{
    var file = Path.Combine(Path.GetTempPath(), name + ".db");
    if (!reuse)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(f);
    }
    await RunAsync(
        new WorkflowsDataOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={file}",
        },
        Filler.FillSqliteAsync
    );
}
if (provider is "postgres" or "both")
{
    var database = name.Replace('-', '_').Replace("workflows_", "wf_", StringComparison.Ordinal);
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
        Filler.FillPostgresAsync
    );
}
return;

async Task RunAsync(WorkflowsDataOptions options, Func<string, int, int, Task> fill)
{
    await using (var migrate = WorkflowsDbContextOptions.CreateContext(options))
        await WorkflowsDatabaseMigrator.MigrateAsync(migrate);
    if (reuse)
    {
        Console.WriteLine(
            $"## {options.Provider}: {total:N0} tasks ({open:N0} open), database of a previous run reused"
        );
        if (serverStatistics && options.Provider == DatabaseProvider.Sqlite)
            await ServerStatistics.ApplyAsync(options);
    }
    else
    {
        var watch = Stopwatch.StartNew();
        await fill(options.ConnectionString, total, open);
        Console.WriteLine(
            $"## {options.Provider}: {total:N0} tasks ({open:N0} open) filled in {watch.Elapsed.TotalSeconds:F0} s"
        );
    }
    var capture = new StatementLog();
    var clerk = new CurrentUser(
        "u3",
        new HashSet<string>(["clerk"]),
        new HashSet<string>([Filler.Group(3), Filler.Group(10)]),
        "b3"
    );
    var chief = new CurrentUser(
        "chief.b3",
        new HashSet<string>(["chief"]),
        new HashSet<string>([Filler.Group(3)]),
        "b3"
    );
    var manager = new CurrentUser(
        "manager",
        new HashSet<string>(["manager"]),
        new HashSet<string>(),
        null
    );
    var due = Filler.Now.AddDays(2);
    var queries = new (string Name, Func<Inbox, Task> Run)[]
    {
        (
            "my tasks (queue=mine)",
            i => i.PageAsync(clerk, new InboxFilter(Queue: "mine", PageSize: 50), default)
        ),
        (
            "my groups' unclaimed (queue=group)",
            i => i.PageAsync(clerk, new InboxFilter(Queue: "group", PageSize: 50), default)
        ),
        (
            "bureau queue (chief, queue=bureau)",
            i => i.PageAsync(chief, new InboxFilter(Queue: "bureau", PageSize: 50), default)
        ),
        (
            "by due date (group, dueBefore)",
            i =>
                i.PageAsync(
                    clerk,
                    new InboxFilter(Queue: "group", DueBefore: due, PageSize: 50),
                    default
                )
        ),
        (
            "by SLA level (red, all open)",
            i => i.PageAsync(manager, new InboxFilter(SlaLevel: "red", PageSize: 50), default)
        ),
        (
            "by business key",
            i =>
                i.PageAsync(
                    manager,
                    new InboxFilter(BusinessKey: "BK00000050", Status: "Open"),
                    default
                )
        ),
        (
            "by applicant prefix",
            i => i.PageAsync(manager, new InboxFilter(Applicant: "Name0123", PageSize: 50), default)
        ),
        // A short prefix (like one common surname): about 1,000 open tasks match and are sorted by due date.
        (
            "by applicant prefix (broad)",
            i => i.PageAsync(manager, new InboxFilter(Applicant: "Name01", PageSize: 50), default)
        ),
        (
            "next page by cursor (group)",
            async i =>
            {
                var first = await i.PageAsync(
                    clerk,
                    new InboxFilter(Queue: "group", PageSize: 50),
                    default
                );
                if (first.NextCursor is not null)
                    await i.PageAsync(
                        clerk,
                        new InboxFilter(Queue: "group", After: first.NextCursor, PageSize: 50),
                        default
                    );
            }
        ),
        ("counts (clerk)", i => i.CountsAsync(clerk, default)),
        ("counts (chief)", i => i.CountsAsync(chief, default)),
    };
    Console.WriteLine();
    // CPU ms per run (the whole process, mean) is printed beside the wall-clock percentiles: on a shared, loaded machine it
    // moves far less than the wall clock, so it is the figure to compare two builds by.
    Console.WriteLine("| query | p50 ms | p95 ms | p99 ms | CPU ms/run |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    var plans = new List<string>();
    foreach (
        var (query, run) in queries.Where(q => q.Name.Contains(only, StringComparison.Ordinal))
    )
    {
        var times = new List<double>();
        var cpu = TimeSpan.Zero;
        for (var n = 0; n < iterations + 5; n++)
        {
            await using var db = capture.CreateContext(options);
            var inbox = new Inbox(db);
            capture.Clear();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await run(inbox);
            if (n >= 5)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
                cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            }
        }
        times.Sort();
        Console.WriteLine(
            $"| {query} | {StatementLog.Percentile(times, 50):F2} | {StatementLog.Percentile(times, 95):F2} | {StatementLog.Percentile(times, 99):F2} | {cpu.TotalMilliseconds / iterations:F2} |"
        );
        plans.Add($"{query}: {await PlanAsync(options, capture)}");
        if (printSql)
        {
            foreach (var (sql, parameters) in capture.Statements)
                Console.Error.WriteLine(
                    $"-- {query}: {string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value}"))}\n{sql};\n"
                );
        }
    }
    Console.WriteLine();
    Console.WriteLine("Plans (every statement of each query's last run, in order):");
    foreach (var p in plans)
        Console.WriteLine("- " + p);
    Console.WriteLine();
}

static async Task<string> PlanAsync(WorkflowsDataOptions options, StatementLog capture)
{
    var plans = new List<string>();
    foreach (var (sql, parameters) in capture.Statements.ToList())
        plans.Add("[" + await QueryPlan.ExplainAsync(options, sql, parameters) + "]");
    return string.Join(" ; ", plans);
}

int Arg(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
        ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture)
        : fallback;

string ArgText(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
