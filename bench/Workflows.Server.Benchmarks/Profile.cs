// Where the time of one instance lifecycle goes: the server hosted in this process, the runtime's phase spans
// (WorkflowsTelemetry.Phase) summed, and every SQL statement, connection open and commit EF Core logs, per instance.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Auth;
using Workflows.Server.Observability;

namespace Workflows.Server.Benchmarks;

/// <summary>The <c>--profile</c> run: per-phase time and statements per instance, in-process and through HTTP (TestServer).</summary>
public static class Profile
{
    private const string AllocatedAtStart = "bench.allocated-at-start";

    /// <summary>Profiles <paramref name="iterations"/> lifecycles each way after a warm-up, printing Markdown tables.</summary>
    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> environment,
        int iterations
    )
    {
        var sql = new SqlCounter();
        await using var factory = new InProcess.Factory(environment, sql);
        using (var scope = factory.Services.CreateScope())
            await scope
                .ServiceProvider.GetRequiredService<DeploymentService>()
                .DeployAsync(Driver.Bpmn, "designer");
        var clerk = new CurrentUser(
            "clerk.kjj",
            new HashSet<string> { Roles.Clerk },
            new HashSet<string> { "bureau:kjj/reviewer" },
            "kjj"
        );
        // Per span: how often, wall milliseconds, and bytes the process allocated meanwhile (one client: almost all of it is the
        // span's own; the cheap, imprecise counter moves in steps of a thread's allocation context, which average out).
        var phases = new ConcurrentDictionary<string, (long Count, double Ms, long Bytes)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s =>
                s.Name == WorkflowsTelemetry.SourceName || s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                ActivitySamplingResult.AllData,
            ActivityStarted = a =>
                a.SetCustomProperty(AllocatedAtStart, GC.GetTotalAllocatedBytes()),
            ActivityStopped = a =>
            {
                var name =
                    a.Source.Name == "Microsoft.AspNetCore"
                        ? "http request (whole)"
                        : a.DisplayName;
                var bytes =
                    GC.GetTotalAllocatedBytes()
                    - (a.GetCustomProperty(AllocatedAtStart) as long? ?? 0);
                phases.AddOrUpdate(
                    name,
                    (1, a.Duration.TotalMilliseconds, bytes),
                    (_, v) => (v.Count + 1, v.Ms + a.Duration.TotalMilliseconds, v.Bytes + bytes)
                );
            },
        };
        ActivitySource.AddActivityListener(listener);

        async Task InProcessOnce()
        {
            using var scope = factory.Services.CreateScope();
            var outcome = await scope
                .ServiceProvider.GetRequiredService<WorkflowRuntime>()
                .StartAsync(
                    new StartRequest(
                        "bench-review",
                        null,
                        Guid.NewGuid().ToString("N"),
                        new JsonObject { ["amount"] = 1 },
                        "clerk.kjj"
                    )
                );
            var taskId = outcome.CreatedTaskIds[0];
            using var completeScope = factory.Services.CreateScope();
            await completeScope
                .ServiceProvider.GetRequiredService<TaskService>()
                .CompleteAsync(
                    taskId,
                    new JsonObject { ["approved"] = true },
                    clerk,
                    CancellationToken.None
                );
        }

        using var http = factory.CreateClient();
        var login = await http.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = "clerk.kjj", password = "demo" }
        );
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!
        );
        async Task HttpOnce()
        {
            var businessKey = Guid.NewGuid().ToString("N");
            var started = await http.PostAsJsonAsync(
                "/api/instances",
                new
                {
                    definitionKey = "bench-review",
                    businessKey,
                    variables = new { amount = 1 },
                }
            );
            started.EnsureSuccessStatusCode();
            var taskId = (string)
                (await started.Content.ReadFromJsonAsync<JsonObject>())!["taskIds"]![0]!;
            (
                await http.PostAsJsonAsync(
                    $"/api/tasks/{taskId}/complete",
                    new { variables = new { approved = true } }
                )
            ).EnsureSuccessStatusCode();
        }

        foreach (
            var (label, once) in new (string, Func<Task>)[]
            {
                ("in-process", InProcessOnce),
                ("HTTP (TestServer, no socket)", HttpOnce),
            }
        )
        {
            for (var i = 0; i < Math.Max(50, iterations / 5); i++)
                await once();
            phases.Clear();
            sql.Clear();
            // The timed pass runs with SQL logging off: EF formats every parameter for an enabled logger, which the real
            // server (EF at Warning) never does. A second, shorter pass below counts the statements.
            sql.Enabled = false;
            // CPU time of this process (server and client side alike) per lifecycle: unlike wall time it barely moves
            // when other work shares the cores, so before/after comparisons hold on a busy machine.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var gen0Before = GC.CollectionCount(0);
            var gen2Before = GC.CollectionCount(2);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
                await once();
            var perInstance = watch.Elapsed.TotalMilliseconds / iterations;
            var cpuPerInstance =
                (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds
                / iterations;
            var allocatedKb =
                (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / iterations;
            var collections =
                $"{GC.CollectionCount(0) - gen0Before} gen0 and {GC.CollectionCount(2) - gen2Before} gen2 collections";
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"\n### {label}: {iterations} lifecycles, 1 client, {perInstance:F2} ms wall ({1000 / perInstance:F0}/s), {cpuPerInstance:F2} ms CPU per instance, {allocatedKb:F0} KB allocated per instance, {collections}\n"
                )
            );
            Console.WriteLine(
                "| span | per instance | ms per instance | KB allocated per instance |"
            );
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, (count, ms, bytes)) in phases.OrderByDescending(p => p.Value.Ms))
                Console.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {name} | {count / (double)iterations:F1} | {ms / iterations:F3} | {bytes / 1024.0 / iterations:F1} |"
                    )
                );
            sql.Enabled = true;
            // EF caches whether a logger is enabled for about a second: let that lapse before counting.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            sql.Clear();
            var counted = Math.Max(50, iterations / 5);
            for (var i = 0; i < counted; i++)
                await once();
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"\nper instance: {sql.Commands / (double)counted:F1} SQL commands through EF Core ({sql.CommandMs / counted:F2} ms in them), {sql.Opens / (double)counted:F1} connection opens and {sql.Commits / (double)counted:F1} commits by EF Core; {sql.KeptReads / (double)counted:F1} kept reads and {sql.GroupCommits / (double)counted:F1} group-writer commits (SQLite)\n"
                )
            );
            Console.WriteLine("| statements per instance | SQL (first 110 chars) |");
            Console.WriteLine("|---:|---|");
            foreach (var (text, count) in sql.Texts.OrderByDescending(t => t.Value).Take(40))
                Console.WriteLine(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"| {count / (double)counted:F2} | `{text}` |"
                    )
                );
        }
    }

    /// <summary>Counts what EF Core logs about commands, connections and transactions.</summary>
    public sealed class SqlCounter : ILoggerProvider
    {
        private long _commands,
            _opens,
            _commits,
            _commandTicks,
            _keptReads,
            _groupCommits;

        // What EF Core does not log on SQLite: reads on kept connections (KeptReads) and the group writer's commits.
        private readonly System.Diagnostics.Metrics.MeterListener _meters = new();

        /// <summary>Starts counting the SQLite provider's own reads and commits.</summary>
        public SqlCounter()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (
                    instrument.Name
                    is "workflows.sqlite.kept_reads"
                        or "workflows.sqlite.commit_group.saves"
                )
                    listener.EnableMeasurementEvents(instrument);
            };
            _meters.SetMeasurementEventCallback<long>(
                (instrument, _, _, _) =>
                {
                    if (Enabled && instrument.Name == "workflows.sqlite.kept_reads")
                        Interlocked.Increment(ref _keptReads);
                }
            );
            _meters.SetMeasurementEventCallback<int>(
                (instrument, _, _, _) =>
                {
                    if (Enabled && instrument.Name == "workflows.sqlite.commit_group.saves")
                        Interlocked.Increment(ref _groupCommits);
                }
            );
            _meters.Start();
        }

        /// <summary>Reads on kept SQLite connections.</summary>
        public long KeptReads => Interlocked.Read(ref _keptReads);

        /// <summary>Transactions committed by the SQLite group writer.</summary>
        public long GroupCommits => Interlocked.Read(ref _groupCommits);

        /// <summary>Whether EF Core's logging reaches this counter (when off, EF does not format what it would log).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Commands by normalised text.</summary>
        public ConcurrentDictionary<string, long> Texts { get; } = new();

        /// <summary>Commands executed.</summary>
        public long Commands => Interlocked.Read(ref _commands);

        /// <summary>Milliseconds EF measured in commands.</summary>
        public double CommandMs =>
            TimeSpan.FromTicks(Interlocked.Read(ref _commandTicks)).TotalMilliseconds;

        /// <summary>Connections opened.</summary>
        public long Opens => Interlocked.Read(ref _opens);

        /// <summary>Transactions committed.</summary>
        public long Commits => Interlocked.Read(ref _commits);

        /// <summary>Forgets the counts.</summary>
        public void Clear()
        {
            Texts.Clear();
            _commands = _opens = _commits = _commandTicks = _keptReads = _groupCommits = 0;
        }

        /// <inheritdoc />
        public ILogger CreateLogger(string categoryName) => new Logger(this);

        /// <inheritdoc />
        public void Dispose() => _meters.Dispose();

        private sealed class Logger(SqlCounter counter) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => counter.Enabled;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter
            )
            {
                switch (eventId.Name)
                {
                    case "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted":
                        Interlocked.Increment(ref counter._commands);
                        if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                        {
                            var text =
                                values.FirstOrDefault(v => v.Key == "commandText").Value as string
                                ?? "?";
                            text = string.Join(
                                    ' ',
                                    text.Split(
                                        (char[])['\n', '\r', ' '],
                                        StringSplitOptions.RemoveEmptyEntries
                                    )
                                )
                                .Replace("|", "/", StringComparison.Ordinal);
                            counter.Texts.AddOrUpdate(
                                text.Length > 110 ? text[..110] : text,
                                1,
                                (_, n) => n + 1
                            );
                            if (
                                values.FirstOrDefault(v => v.Key == "elapsed").Value
                                    is string elapsed
                                && double.TryParse(
                                    elapsed,
                                    CultureInfo.InvariantCulture,
                                    out var ms
                                )
                            )
                                Interlocked.Add(
                                    ref counter._commandTicks,
                                    TimeSpan.FromMilliseconds(ms).Ticks
                                );
                        }
                        break;
                    case "Microsoft.EntityFrameworkCore.Database.Connection.ConnectionOpened":
                        Interlocked.Increment(ref counter._opens);
                        break;
                    case "Microsoft.EntityFrameworkCore.Database.Transaction.TransactionCommitted":
                        Interlocked.Increment(ref counter._commits);
                        break;
                }
            }
        }
    }
}
