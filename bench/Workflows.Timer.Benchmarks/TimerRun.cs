// One run on one database: host the server, deploy the timer process, warm up, create N instances whose timers fall
// uniformly in a window that opens after the creation phase, wait until every timer fired (or the timeout), read the rows.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application;

namespace Workflows.Timer.Benchmarks;

/// <summary>What to run.</summary>
/// <param name="Timers">Measured timers (instances).</param>
/// <param name="Window">Width of the due window (zero: all due at one instant).</param>
/// <param name="Clients">Concurrent loops creating instances.</param>
/// <param name="WarmUp">Warm-up instances (due at once, not measured); their creation rate sizes the lead.</param>
/// <param name="Lead">Fixed time from the start of creation to the window; null: estimated from the warm-up rate.</param>
/// <param name="Timeout">How long after the window closes to wait for stragglers.</param>
public sealed record TimerRunOptions(
    int Timers,
    TimeSpan Window,
    int Clients,
    int WarmUp,
    TimeSpan? Lead,
    TimeSpan Timeout
);

/// <summary>Runs the timer benchmark on one database.</summary>
public static class TimerRun
{
    /// <summary>Runs and returns the report; progress goes to the console.</summary>
    public static async Task<TimerReport> RunAsync(
        IReadOnlyDictionary<string, string> settings,
        TimerRunOptions options
    )
    {
        ServerHost.UseServerContentRoot();
        await using var host = new ServerHost(settings);
        var services = host.Services; // starts the host: migrations, reconciler, Hangfire server, recurring sweep
        using (var scope = services.CreateScope())
        {
            var deployment = scope.ServiceProvider.GetRequiredService<DeploymentService>();
            foreach (var key in new[] { TimerProcess.Key, TimerProcess.WarmUpKey })
                if (
                    (await deployment.DeployAsync(TimerProcess.Xml(key), "bench")).Errors is
                    { Count: > 0 } errors
                )
                    throw new InvalidOperationException(string.Join("; ", errors));
        }

        // Warm-up: JIT, connection pools and the firing path; due at once, so they fire while we wait for them.
        // The first half is cold (JIT, pools) and due at once: it warms the firing path too, and we wait until it fired.
        // The second half is due in a day (it never fires during the run): its creation rate, undisturbed by firings,
        // sizes the lead.
        var half = options.WarmUp / 2;
        var cold = await CreateAsync(
            services,
            TimerProcess.WarmUpKey,
            Enumerable.Repeat(DateTimeOffset.UtcNow, half).ToList(),
            options.Clients,
            first: 0
        );
        await WaitForFiringsAsync(
            services,
            TimerProcess.WarmUpKey,
            half,
            DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120)
        );
        var warm = await CreateAsync(
            services,
            TimerProcess.WarmUpKey,
            Enumerable.Repeat(DateTimeOffset.UtcNow.AddDays(1), options.WarmUp - half).ToList(),
            options.Clients,
            first: half
        );
        var warmRate = (options.WarmUp - half) / warm.TotalSeconds;
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"warm-up: {half} instances fired ({half / cold.TotalSeconds:F1}/s created cold), {options.WarmUp - half} created at {warmRate:F1}/s"
            )
        );

        // The window opens after the creation phase: estimated from the warm rate with a margin, unless given.
        var lead = options.Lead ?? TimeSpan.FromSeconds(options.Timers / warmRate * 1.15 + 10);
        var windowStart = DateTimeOffset.UtcNow + lead;
        var due = Enumerable
            .Range(0, options.Timers)
            .Select(i => windowStart + options.Window * i / options.Timers)
            .ToList();
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"creating {options.Timers:N0} instances with {options.Clients} clients; window opens in {lead.TotalSeconds:F0} s and lasts {options.Window.TotalSeconds:F0} s"
            )
        );
        var creation = await CreateAsync(services, TimerProcess.Key, due, options.Clients);
        var creationEnd = DateTimeOffset.UtcNow;
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"created in {creation.TotalSeconds:F1} s ({options.Timers / creation.TotalSeconds:F1}/s); {(windowStart - creationEnd).TotalSeconds:F1} s before the window"
            )
        );

        // CPU of this process (the whole server: Hangfire, runtime, EF, SQLite) from the end of creation to the last firing.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var conflicts = new ConflictCounter();
        var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var failedBefore = monitoring.FailedCount();
        var succeededBefore = monitoring.SucceededListCount();
        await WaitAsync(
            services,
            TimerProcess.Key,
            windowStart + options.Window + options.Timeout,
            quiet: false
        );
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var failedJobs = monitoring.FailedCount() - failedBefore;
        // Hangfire jobs run while the timers fired (timer jobs, the sweep, notification sweeps): what the storage paid for.
        var succeededJobs = monitoring.SucceededListCount() - succeededBefore;
        Console.WriteLine(
            $"while firing: {conflicts.Conflicts:N0} concurrency conflicts retried, {conflicts.Failures:N0} commands failed on conflicts, {succeededJobs:N0} Hangfire jobs succeeded, {failedJobs:N0} failed"
        );
        var rows = await ReadAsync(services);
        return TimerReport.From(rows, creation, creationEnd, options.Window, cpu);
    }

    // Starts one instance per due moment through WorkflowRuntime.StartAsync (the command path: instance, timer row,
    // outbox row and audit in one transaction, then the outbox dispatch schedules the Hangfire job), in due order.
    private static async Task<TimeSpan> CreateAsync(
        IServiceProvider services,
        string key,
        IReadOnlyList<DateTimeOffset> due,
        int clients,
        int first = 0
    )
    {
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(_ =>
                    Task.Run(async () =>
                    {
                        for (
                            var i = Interlocked.Increment(ref next);
                            i < due.Count;
                            i = Interlocked.Increment(ref next)
                        )
                        {
                            var variables = new JsonObject
                            {
                                ["dueAt"] = due[i].ToString("O", CultureInfo.InvariantCulture),
                            };
                            await runtime.StartAsync(
                                new StartRequest(
                                    key,
                                    null,
                                    $"{key}-{first + i}",
                                    variables,
                                    "bench"
                                )
                            );
                        }
                    })
                )
        );
        return watch.Elapsed;
    }

    private static async Task WaitForFiringsAsync(
        IServiceProvider services,
        string key,
        int count,
        DateTimeOffset deadline
    )
    {
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
            if (
                await db.Timers.CountAsync(t =>
                    t.Status == TimerStatuses.Fired
                    && db.Instances.Any(i => i.Id == t.InstanceId && i.DefinitionKey == key)
                ) >= count
            )
                return;
            await Task.Delay(500);
        }
    }

    // Polls the timer table until no timer of the definition is pending, or the deadline.
    private static async Task WaitAsync(
        IServiceProvider services,
        string key,
        DateTimeOffset deadline,
        bool quiet
    )
    {
        var lastPrint = DateTimeOffset.MinValue;
        while (true)
        {
            int pending,
                fired;
            using (var scope = services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                // One grouped count a second: the poll shares the database and the cores with what it measures.
                var counts = await db
                    .Timers.Where(t =>
                        db.Instances.Any(i => i.Id == t.InstanceId && i.DefinitionKey == key)
                    )
                    .GroupBy(t => t.Status)
                    .Select(g => new { Status = g.Key, Count = g.Count() })
                    .ToDictionaryAsync(g => g.Status, g => g.Count);
                pending = counts.GetValueOrDefault(TimerStatuses.Pending);
                fired = counts.GetValueOrDefault(TimerStatuses.Fired);
            }
            var now = DateTimeOffset.UtcNow;
            if (!quiet && now - lastPrint >= TimeSpan.FromSeconds(5))
            {
                Console.WriteLine($"  {now:HH:mm:ss} fired {fired:N0}, pending {pending:N0}");
                lastPrint = now;
            }
            if (pending == 0 || now > deadline)
                return;
            await Task.Delay(1000);
        }
    }

    private static async Task<List<TimerRow>> ReadAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        var instances = await db
            .Instances.AsNoTracking()
            .Where(i => i.DefinitionKey == TimerProcess.Key)
            .Select(i => new { i.Id, i.Status })
            .ToDictionaryAsync(i => i.Id, i => i.Status);
        var timers = await db
            .Timers.AsNoTracking()
            .Where(t => t.ElementId == TimerProcess.ElementId && t.Kind == TimerKinds.Bpmn)
            .ToListAsync();
        var firedEvents = await db
            .AuditEvents.AsNoTracking()
            .Where(a => a.Action == "timer.fired" && a.InstanceId != null)
            .GroupBy(a => a.InstanceId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
        return timers
            .Where(t => t.InstanceId is { } id && instances.ContainsKey(id))
            .Select(t => new TimerRow(
                t.CreatedAt,
                t.DueAt,
                t.FiredAt,
                t.Status,
                t.Attempts,
                firedEvents.GetValueOrDefault(t.InstanceId!.Value),
                instances[t.InstanceId!.Value]
            ))
            .ToList();
    }
}
