// Kill -9 under load, again and again, on one SQLite file: afterwards the database must be consistent. Every kill lands
// at a random moment of a mixed load (starts, task completions, timers firing). WORKFLOWS_CRASH_KILLS sets the number
// of kills (default 20; a long run: WORKFLOWS_CRASH_KILLS=200).
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Crash;

/// <summary>The crash harness.</summary>
public sealed class CrashSpecs(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "workflows-crash", Guid.NewGuid().ToString("N"));
    private readonly List<Guid> _started = [];
    private readonly HashSet<string> _completed = [];

    private static int Kills => int.TryParse(Environment.GetEnvironmentVariable("WORKFLOWS_CRASH_KILLS"), out var n) && n > 0 ? n : 20;

    private string ConnectionString => $"Data Source={Path.Combine(_folder, "workflows.db")}";

    [Fact]
    public async Task After_repeated_sigkills_under_load_every_instance_task_timer_and_audit_event_is_consistent()
    {
        Catalogue.CopyTo(Path.Combine(_folder, "catalog"));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Workflows"] = ConnectionString,
            ["Hangfire__Storage"] = "InMemory",
            ["Workflows__CatalogPath"] = Path.Combine(_folder, "catalog"),
            ["Demo__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var key = Models.NewKey("crash");
        var port = ServerProcess.FreePort();
        var random = new Random(1122);
        string designerToken, clerkToken;
        using (var first = ServerProcess.Start(environment, port))
        {
            await first.WaitReadyAsync();
            designerToken = await LoginAsync(first.Address, "designer");
            clerkToken = await LoginAsync(first.Address, "clerk.kjj");
            using var designer = Client(first.Address, designerToken);
            var deploy = await designer.PostAsync("/api/definitions", new StringContent(TimerThenTask(key), System.Text.Encoding.UTF8, "application/xml"));
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            first.Kill();
        }
        // Bounded by count and by time: a restart costs 5–10 s on a busy 2-core CI machine, so CI gets 10–20 kills.
        var deadline = DateTime.UtcNow.AddSeconds(Kills <= 20 ? 150 : 3600);
        var kills = 0;
        while (kills < Kills && DateTime.UtcNow < deadline)
        {
            using var server = ServerProcess.Start(environment, port);
            await server.WaitReadyAsync();
            using var clerk = Client(server.Address, clerkToken);
            using var load = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 3).Select(w => LoadAsync(clerk, key, w == 0, load.Token)).ToArray();
            await Task.Delay(random.Next(200, 1500));
            server.Kill();
            kills++;
            await load.CancelAsync();
            await Task.WhenAll(workers);
        }
        Assert.True(kills >= Math.Min(Kills, 10), $"only {kills} kills within the time budget");
        output.WriteLine($"{kills} kills, {_started.Count} instances acknowledged, {_completed.Count} completions acknowledged");

        // A last, peaceful run: let due timers fire and finish the remaining work.
        using (var last = ServerProcess.Start(environment, port))
        {
            await last.WaitReadyAsync();
            using var clerk = Client(last.Address, clerkToken);
            var settle = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < settle && await PendingDueTimersAsync() > 0)
                await Task.Delay(500);
            last.Kill();
        }
        await AssertInvariantsAsync(kills);
    }

    private async Task LoadAsync(HttpClient clerk, string key, bool completer, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!completer)
                {
                    var response = await clerk.PostAsJsonAsync("/api/instances", new { definitionKey = key, variables = new { n = 1 } }, stop);
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var id = (await response.Content.ReadFromJsonAsync<JsonObject>(stop))!["id"]!.GetValue<Guid>();
                        lock (_started)
                            _started.Add(id);
                    }
                    continue;
                }
                var page = await clerk.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=20", stop);
                foreach (var task in page!["items"]!.AsArray())
                {
                    var id = (string)task!["id"]!;
                    var done = await clerk.PostAsJsonAsync($"/api/tasks/{id}/complete", new { variables = new { approved = true } }, stop);
                    if (done.IsSuccessStatusCode)
                        lock (_completed)
                            _completed.Add(id);
                }
                await Task.Delay(50, stop);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            // The server died under us: that is the point.
        }
    }

    private async Task<int> PendingDueTimersAsync()
    {
        await using var db = OpenDatabase();
        var now = DateTimeOffset.UtcNow;
        return (await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatuses.Pending).Select(t => t.DueAt).ToListAsync()).Count(d => d <= now);
    }

    private async Task AssertInvariantsAsync(int kills)
    {
        await using var db = OpenDatabase();
        var instances = await db.Instances.AsNoTracking().Select(i => new { i.Id, i.Status }).ToListAsync();
        var tasks = await db.Tasks.AsNoTracking().Select(t => new { t.Id, t.InstanceId, t.ElementId, t.Status }).ToListAsync();
        var timers = await db.Timers.AsNoTracking().Where(t => t.InstanceId != null).Select(t => new { t.Id, t.InstanceId, t.Status, t.Attempts, t.DueAt }).ToListAsync();
        var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Action == "timer.fired" || a.Action == "task.completed").Select(a => new { a.Action, a.InstanceId, a.TaskId }).ToListAsync();
        var byId = instances.ToDictionary(i => i.Id);
        Assert.True(_started.Count > kills, $"the load started only {_started.Count} instances over {kills} kills");

        var missing = _started.Where(id => !byId.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} instances acknowledged with 201 are gone: {string.Join(", ", missing.Take(5))}");
        Assert.Equal(_started.Count, _started.Distinct().Count());

        var duplicated = tasks.GroupBy(t => (t.InstanceId, t.ElementId)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicated.Count == 0, $"duplicated tasks: {string.Join(", ", duplicated.Take(5))}");
        var ended = instances.Where(i => i.Status is "Completed" or "Cancelled" or "Terminated").Select(i => i.Id).ToHashSet();
        var orphans = tasks.Where(t => t.Status == TaskStatuses.Open && ended.Contains(t.InstanceId)).ToList();
        Assert.True(orphans.Count == 0, $"open tasks of ended instances: {string.Join(", ", orphans.Take(5))}");

        var now = DateTimeOffset.UtcNow;
        var unfired = timers.Where(t => t.Status == TimerStatuses.Pending && t.DueAt < now.AddSeconds(-60)).ToList();
        Assert.True(unfired.Count == 0, $"{unfired.Count} timers long due never fired");
        var fired = timers.Where(t => t.Status == TimerStatuses.Fired).ToList();
        Assert.All(fired, t => Assert.True(t.Attempts >= 1, $"timer {t.Id} fired with {t.Attempts} attempts"));
        var firedAudit = audit.Where(a => a.Action == "timer.fired").GroupBy(a => a.InstanceId).ToDictionary(g => g.Key!.Value, g => g.Count());
        foreach (var perInstance in fired.GroupBy(t => t.InstanceId!.Value))
            Assert.True(firedAudit.GetValueOrDefault(perInstance.Key) == perInstance.Count(), $"instance {perInstance.Key}: {perInstance.Count()} fired timers, {firedAudit.GetValueOrDefault(perInstance.Key)} timer.fired events");

        var completedAudit = audit.Where(a => a.Action == "task.completed").GroupBy(a => a.TaskId).ToDictionary(g => g.Key ?? "", g => g.Count());
        foreach (var task in tasks.Where(t => t.Status == TaskStatuses.Completed))
            Assert.True(completedAudit.GetValueOrDefault(task.Id) == 1, $"task {task.Id} completed with {completedAudit.GetValueOrDefault(task.Id)} task.completed events");
        var acknowledgedButOpen = tasks.Where(t => _completed.Contains(t.Id) && t.Status != TaskStatuses.Completed).ToList();
        Assert.True(acknowledgedButOpen.Count == 0, $"completions acknowledged with 2xx but not stored: {acknowledgedButOpen.Count}");
    }

    private WorkflowsDbContext OpenDatabase()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Workflows"] = ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddWorkflowsData(configuration, _folder).BuildServiceProvider();
        return services.CreateScope().ServiceProvider.GetRequiredService<WorkflowsDbContext>();
    }

    private static async Task<string> LoginAsync(Uri address, string userName)
    {
        using var http = new HttpClient { BaseAddress = address };
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName, password = "demo" });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    // start → a one-second timer → review (user task) → end.
    private static string TimerThenTask(string key) =>
        Models.Definitions(key, """
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="bureau:kjj/reviewer"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="review"/>
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end"/>
            """);

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
