// Server benchmarks: instances completed per second through the HTTP API of a real server process (start → one user
// task → complete → end, full audit) at 1, 4 and 16 clients on SQLite and PostgreSQL, beside the raw limit of the same
// database (single-row insert + commit per transaction) and the HTTP ceiling (table-free request pairs per second), cold start to ready and RSS with many active instances.
// Usage: dotnet run -c Release --project bench/Workflows.Server.Benchmarks -- [--quick] [--provider sqlite|postgresql] (cold start and idle RSS only: --cold-start [--runs N];
// phase profile: --profile [--quick] [--provider sqlite|postgresql]; flagship bundle per second: --bundle [--quick]; RSS with N active instances: --active [N] [--budget seconds]; the same for the real server process over HTTP: --active-http [N] [--provider sqlite|postgresql])
// PostgreSQL: WORKFLOWS_TEST_POSTGRES (default Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres); skipped if unreachable.
using System.Diagnostics;
using System.Globalization;
using Workflows.Server.Benchmarks;

var postgres = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_POSTGRES") is { Length: > 0 } pg
    ? pg
    : "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";
if (args.Contains("--profile"))
{
    // In-process: phase spans and EF statements per instance (see Profile.cs); SQLite unless --provider postgresql.
    await using var profiled = OnPostgres(args) ? Databases.Postgres(postgres) : Databases.Sqlite();
    await Profile.RunAsync(profiled.ServerEnvironment(), args.Contains("--quick") ? 300 : 2000);
    return;
}
if (args.Contains("--bundle"))
{
    // The flagship procedure end to end, in-process, on the whole shipped catalogue (see Bundle.cs).
    await using var bundleDb = Databases.Sqlite();
    await Bundle.RunAsync(
        bundleDb.ServerEnvironment(shipped: true),
        TimeSpan.FromSeconds(args.Contains("--quick") ? 20 : 60)
    );
    return;
}
if (args.Contains("--active"))
{
    // RSS with N instances waiting at a user task, in-process (see ActiveInstances.cs): --active [N] [--budget seconds].
    var activeAt = Array.IndexOf(args, "--active");
    var count =
        activeAt + 1 < args.Length
        && int.TryParse(args[activeAt + 1], CultureInfo.InvariantCulture, out var n)
            ? n
            : 100_000;
    var budgetAt = Array.IndexOf(args, "--budget");
    var budget =
        budgetAt >= 0 && budgetAt + 1 < args.Length
            ? int.Parse(args[budgetAt + 1], CultureInfo.InvariantCulture)
            : 1200;
    await using var activeDb = Databases.Sqlite();
    await ActiveInstances.RunAsync(
        activeDb.ServerEnvironment(),
        count,
        TimeSpan.FromSeconds(budget),
        loops: 4
    );
    return;
}
if (args.Contains("--active-http"))
{
    // RSS of the real server process with N instances started over HTTP (see ActiveOverHttp.cs): --active-http [N] [--provider sqlite|postgresql].
    var at = Array.IndexOf(args, "--active-http");
    var count =
        at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var n)
            ? n
            : 100_000;
    var onPostgres = OnPostgres(args);
    await using var activeDb = onPostgres ? Databases.Postgres(postgres) : Databases.Sqlite();
    await ActiveOverHttp.RunAsync(
        activeDb,
        onPostgres ? "PostgreSQL" : "SQLite",
        count,
        clients: 8,
        idle: TimeSpan.FromSeconds(60)
    );
    return;
}
if (args.Contains("--cold-start"))
{
    // Cold start to ready and idle RSS only (see ColdStart.cs); --runs N pairs of starts, 5 by default.
    var runsAt = Array.IndexOf(args, "--runs");
    await ColdStart.RunAsync(
        runsAt >= 0 && runsAt + 1 < args.Length
            ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture)
            : 5,
        TimeSpan.FromSeconds(10)
    );
    return;
}
var quick = args.Contains("--quick");
var seconds = quick ? 5 : 20;
var activeInstances = quick ? 1_000 : 20_000;
Console.WriteLine(
    $"# Workflows server benchmark ({(quick ? "quick" : "full")}: {seconds} s per point, {activeInstances:N0} active instances for RSS)"
);
Console.WriteLine(
    $"{Environment.ProcessorCount} cores, {RuntimeInformationText()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"
);

// --provider sqlite|postgresql runs one database only.
var onlyProvider = ProviderArgument(args);
foreach (var provider in new[] { "Sqlite", "PostgreSql" })
{
    if (
        onlyProvider is not null
        && !provider.StartsWith(onlyProvider, StringComparison.OrdinalIgnoreCase)
    )
        continue;
    if (provider == "PostgreSql" && !await Databases.PostgresReachableAsync(postgres))
    {
        Console.WriteLine("\nPostgreSQL not reachable: skipped.");
        continue;
    }
    await using var database =
        provider == "Sqlite" ? Databases.Sqlite() : Databases.Postgres(postgres);
    Console.WriteLine($"\n## {provider}\n");
    var raw = await database.RawCommitsPerSecondAsync(TimeSpan.FromSeconds(seconds));
    Console.WriteLine($"raw single-row insert+commit: {raw:F0} tx/s ({database.Durability})");
    var (server, coldStart) = await ServerProcess.StartAsync(database.ServerEnvironment());
    using (server)
    {
        Console.WriteLine(
            $"cold start to /health/ready: {coldStart.TotalSeconds:F1} s (migrations on an empty database included)"
        );
        var driver = await Driver.CreateAsync(server.Address);
        Console.WriteLine();
        // Server, driver and (PostgreSQL on this machine) database CPU per instance, and how busy the server and the driver
        // kept both cores: tells a CPU-bound row from one that waits.
        Console.WriteLine(
            "| clients | instances/s | ratio to raw tx/s | start ms (p50/p95) | complete ms (p50/p95) | server CPU ms per instance | driver CPU ms per instance | PostgreSQL CPU ms per instance | cores busy (server and driver) | server KB allocated per instance | server GCs (gen0/1/2) per 1,000 instances | GC pause ms per instance | SQLite write lock: turns and ms held per instance |"
        );
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in new[] { 1, 4, 16 })
        {
            var countersBefore = await server.CountersAsync();
            var serverCpu = server.CpuSeconds;
            var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            // PostgreSQL's processes on this machine (none for SQLite, which runs inside the server): /proc is read
            // only when they can matter.
            var databaseBefore = provider == "PostgreSql" ? ProcessCpu.TicksOf("postgres") : [];
            var wall = Stopwatch.StartNew();
            var result = await driver.RunAsync(clients, TimeSpan.FromSeconds(seconds));
            var elapsed = wall.Elapsed.TotalSeconds;
            serverCpu = server.CpuSeconds - serverCpu;
            driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverCpu;
            var completed = result.PerSecond * elapsed;
            var databaseAfter = provider == "PostgreSql" ? ProcessCpu.TicksOf("postgres") : [];
            var databaseCpu =
                databaseAfter.Count > 0
                    ? (
                        1000 * ProcessCpu.SecondsBetween(databaseBefore, databaseAfter) / completed
                    ).ToString("F2", CultureInfo.InvariantCulture)
                    : "-";
            var gc = (await server.CountersAsync()).Since(countersBefore);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {clients} | {result.PerSecond:F1} | {result.PerSecond / raw:P2} | {result.Start} | {result.Complete} | {1000 * serverCpu / completed:F2} | {1000 * driverCpu / completed:F2} | {databaseCpu} | {(serverCpu + driverCpu) / elapsed:F2} of {Environment.ProcessorCount} | {gc.AllocatedBytes / 1024 / completed:F0} | {1000 * gc.Gen0 / completed:F1}/{1000 * gc.Gen1 / completed:F1}/{1000 * gc.Gen2 / completed:F1} | {1000 * gc.PauseSeconds / completed:F3} | {(gc.LockTurns == 0 ? "-" : $"{gc.LockTurns / completed:F1}, {gc.LockHeldMilliseconds / completed:F2}")} |"
                )
            );
        }
        // The HTTP ceiling beside it: what two table-free authenticated requests cost on the same machine (see Driver).
        Console.WriteLine(
            "\n| clients | HTTP ceiling: table-free request pairs/s | ceiling's ratio to raw tx/s | server CPU ms per pair | driver CPU ms per pair |"
        );
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var clients in new[] { 1, 4, 16 })
        {
            var serverCpu = server.CpuSeconds;
            var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var wall = Stopwatch.StartNew();
            var pairs = await driver.CeilingAsync(clients, TimeSpan.FromSeconds(seconds));
            var total = pairs * wall.Elapsed.TotalSeconds;
            serverCpu = server.CpuSeconds - serverCpu;
            driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverCpu;
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {clients} | {pairs:F0} | {pairs / raw:P1} | {1000 * serverCpu / total:F3} | {1000 * driverCpu / total:F3} |"
                )
            );
        }
        var before = server.RssMegabytes;
        var watch = Stopwatch.StartNew();
        var started = await driver.StartManyAsync(activeInstances, 8);
        Console.WriteLine(
            $"\nRSS: {before:F0} MB idle after the runs; {server.RssMegabytes:F0} MB with {started:N0} more active instances waiting at a user task (started in {watch.Elapsed.TotalSeconds:F0} s)"
        );
    }
    // Same database, the HTTP server stopped: the runtime called directly (definition deployed by the HTTP run).
    foreach (var clients in new[] { 1, 4 })
        Console.WriteLine(
            $"in-process, {clients} client(s): {await InProcess.RunAsync(database.ServerEnvironment(), clients, TimeSpan.FromSeconds(seconds)):F1} instances/s (host started per row, not timed)"
        );
}

// The value after --provider, if any; "postgres…" picks PostgreSQL.
static string? ProviderArgument(string[] args) =>
    Array.IndexOf(args, "--provider") is var at && at >= 0 && at + 1 < args.Length
        ? args[at + 1]
        : null;

static bool OnPostgres(string[] args) =>
    ProviderArgument(args)?.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) == true;

static string RuntimeInformationText() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
