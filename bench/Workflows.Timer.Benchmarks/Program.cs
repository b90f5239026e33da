// Timer benchmark: N BPMN timers due uniformly within a window, fired by the real server's Hangfire on SQLite +
// Hangfire.InMemory and on PostgreSQL + Hangfire.PostgreSql (a fresh database per run); firings per second, lateness
// (fired at − due at) p50/p95/p99/max, duplicates and misses, all read from the database afterwards.
// Usage: dotnet run -c Release --project bench/Workflows.Timer.Benchmarks -- [--timers 10000] [--window 60]
//        [--provider sqlite|postgres|both] [--clients 4] [--warmup 200] [--lead S] [--timeout 180] [--set Key=Value ...]
// --set passes a server setting (e.g. --set Hangfire:WorkerCount=8). PostgreSQL: WORKFLOWS_TEST_POSTGRES
// (default Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres).
using System.Globalization;
using System.Runtime.InteropServices;
using Workflows.Server.Benchmarks;
using Workflows.Timer.Benchmarks;

var options = new TimerRunOptions(
    Arg("--timers", 10_000),
    TimeSpan.FromSeconds(Arg("--window", 60)),
    Arg("--clients", 4),
    Arg("--warmup", 200),
    ArgText("--lead", null) is { } lead
        ? TimeSpan.FromSeconds(double.Parse(lead, CultureInfo.InvariantCulture))
        : null,
    TimeSpan.FromSeconds(Arg("--timeout", 180))
);
var provider = ArgText("--provider", "both")!;
var extra = args.Select((a, i) => (a, i))
    .Where(p => p.a == "--set" && p.i + 1 < args.Length)
    .Select(p => args[p.i + 1].Split('=', 2))
    .ToDictionary(kv => kv[0].Replace(":", "__", StringComparison.Ordinal), kv => kv[1]);
var postgres = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES") is { Length: > 0 } pg
    ? pg
    : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

Console.WriteLine(
    $"# Workflows timer benchmark: {options.Timers:N0} timers in a {options.Window.TotalSeconds:F0} s window, {options.Clients} creating clients"
);
Console.WriteLine(
    $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"
);
if (extra.Count > 0)
    Console.WriteLine(
        "settings: "
            + string.Join(
                ", ",
                extra.Select(kv =>
                    $"{kv.Key.Replace("__", ":", StringComparison.Ordinal)}={kv.Value}"
                )
            )
    );
foreach (var name in new[] { "sqlite", "postgres" }.Where(p => provider is "both" || provider == p))
{
    if (name == "postgres" && !await Databases.PostgresReachableAsync(postgres))
    {
        Console.WriteLine("\nPostgreSQL not reachable: skipped.");
        continue;
    }
    await using var database = name == "sqlite" ? Databases.Sqlite() : Databases.Postgres(postgres);
    var settings = database.ServerEnvironment();
    settings["Demo__Enabled"] = "false"; // no demo seed: the run measures timers only
    settings["Hangfire__Storage"] = name == "sqlite" ? "InMemory" : "Database";
    foreach (var (key, value) in extra)
        settings[key] = value;
    Console.WriteLine(
        $"\n## {(name == "sqlite" ? "SQLite + Hangfire.InMemory" : "PostgreSQL + Hangfire.PostgreSql")}\n"
    );
    Console.WriteLine($"load average before: {LoadAverage()}");
    var report = await TimerRun.RunAsync(settings, options);
    Console.WriteLine($"load average after: {LoadAverage()}\n");
    foreach (var line in report.Lines())
        Console.WriteLine(line);
}
return;

static string LoadAverage() =>
    File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "n/a";

int Arg(string name, int fallback) =>
    ArgText(name, null) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name, string? fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
