// Kill -9 under load, again and again, on one SQLite file: afterwards the database must be consistent. Every kill lands
// at a random moment of a mixed load (starts, task completions, returns for supplement and the applicant's answers,
// message correlations, timers firing). WORKFLOWS_CRASH_KILLS sets the number of kills (default 20, the CI floor; a long
// run: WORKFLOWS_CRASH_KILLS=200).
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
    private readonly string _folder = Path.Combine(
        Path.GetTempPath(),
        "workflows-crash",
        Guid.NewGuid().ToString("N")
    );

    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("WORKFLOWS_CRASH_KILLS"), out var n)
        && n > 0
            ? n
            : 20;

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
        var load = new CrashLoad(key, $"paid-{key}");
        var port = ServerProcess.FreePort();
        var random = new Random(1122);
        string designerToken,
            clerkToken;
        using (var first = ServerProcess.Start(environment, port))
        {
            await first.WaitReadyAsync();
            designerToken = await LoginAsync(first.Address, "designer");
            clerkToken = await LoginAsync(first.Address, "clerk.kjj");
            using var designer = Client(first.Address, designerToken);
            var deploy = await designer.PostAsync(
                "/api/definitions",
                new StringContent(Procedure(key), System.Text.Encoding.UTF8, "application/xml")
            );
            Assert.True(deploy.IsSuccessStatusCode, await deploy.Content.ReadAsStringAsync());
            first.Kill();
        }
        // Bounded by count and by time: on a quiet 2-core machine a kill cycle (restart to ready, load under way, kill)
        // takes about 6 s, so 20 kills need two minutes; the budget leaves room for a machine five times slower. Every
        // requested kill must happen: the issue's floor is 20 in CI, and a run that reached fewer proves less.
        var deadline = DateTime.UtcNow.AddSeconds(Kills <= 20 ? 600 : 3600);
        var kills = 0;
        var restarts = new List<TimeSpan>();
        while (kills < Kills && DateTime.UtcNow < deadline)
        {
            var restart = System.Diagnostics.Stopwatch.StartNew();
            using var server = ServerProcess.Start(environment, port);
            await server.WaitReadyAsync();
            restarts.Add(restart.Elapsed);
            using var clerk = Client(server.Address, clerkToken);
            using var stop = new CancellationTokenSource();
            var workers = load.Run(clerk, stop.Token);
            // The kill lands at a random moment once the load is under way (a loaded machine may need seconds for the
            // first answer after a restart; a kill before it would test nothing).
            await load.UnderWayAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(random.Next(200, 1500));
            server.Kill();
            kills++;
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }
        output.WriteLine(
            $"{kills} kills; restart to ready: median {restarts.Order().ElementAt(restarts.Count / 2).TotalSeconds:F1} s, max {restarts.Max().TotalSeconds:F1} s"
        );
        output.WriteLine(
            $"acknowledged: {load.Started.Count} starts, {load.Completed.Count} completions, {load.Notices.Count} supplement notices, {load.Answered.Count} answers, {load.Correlated.Count} message correlations"
        );
        Assert.True(kills >= Kills, $"only {kills} of {Kills} kills within the time budget");

        // A last, peaceful run: let due timers fire and finish the remaining work.
        using (var last = ServerProcess.Start(environment, port))
        {
            await last.WaitReadyAsync();
            var settle = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < settle && await PendingDueTimersAsync() > 0)
                await Task.Delay(500);
            last.Kill();
        }
        await AssertInvariantsAsync(kills, load);
    }

    private async Task<int> PendingDueTimersAsync()
    {
        await using var db = OpenDatabase();
        var now = DateTimeOffset.UtcNow;
        return (
            await db
                .Timers.AsNoTracking()
                .Where(t => t.Status == TimerStatuses.Pending)
                .Select(t => t.DueAt)
                .ToListAsync()
        ).Count(d => d <= now);
    }

    private async Task AssertInvariantsAsync(int kills, CrashLoad load)
    {
        await using var db = OpenDatabase();
        await CrashInvariants.AssertAsync(db, load, kills, output.WriteLine);
    }

    private WorkflowsDbContext OpenDatabase()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Database:Provider"] = "Sqlite",
                    ["ConnectionStrings:Workflows"] = ConnectionString,
                }
            )
            .Build();
        var services = new ServiceCollection()
            .AddWorkflowsData(configuration, _folder)
            .BuildServiceProvider();
        return services.CreateScope().ServiceProvider.GetRequiredService<WorkflowsDbContext>();
    }

    private static async Task<string> LoginAsync(Uri address, string userName)
    {
        using var http = new HttpClient { BaseAddress = address };
        var response = await http.PostAsJsonAsync(
            "/api/auth/login",
            new { userName, password = "demo" }
        );
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    // start → a one-second timer → review (user task with a task clock, so a supplement pauses a clock) → the payment
    // message, correlated by business key → end.
    private static string Procedure(string key) =>
        Models.Definitions(
            key,
            """
            <bpmn:startEvent id="start"/>
            <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="bureau:kjj/reviewer" wf:slaLimit="5WD"/>
            <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="Paid"/></bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="review"/>
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="paid"/>
            <bpmn:sequenceFlow id="f4" sourceRef="paid" targetRef="end"/>
            """,
            outside: $$"""<bpmn:message id="Paid" name="paid-{{key}}" wf:correlationKey="${businessKey}"/>"""
        );

    /// <inheritdoc />
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException) { }
    }
}
