// The flagship procedure end to end per second: work-residence-bundle (front desk, two bureaus' reviews and decisions,
// card production and courier by the simulated systems, the applicant's rating), driven like the end-to-end specs do.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Catalog.EndToEnd;

namespace Workflows.Server.Benchmarks;

/// <summary>
/// The <c>--bundle</c> run: the server hosted in this process (TestServer, no socket; Hangfire InMemory runs the service
/// tasks) on the whole shipped catalogue; each case is submitted by applicant.demo and every step of the approving path
/// of <see cref="ProcedureScripts"/> is completed by its demo account with its form data, through the HTTP API.
/// </summary>
public static class Bundle
{
    private const string Key = "work-residence-bundle";

    /// <summary>Runs the bundle with 1 and 4 concurrent cases for <paramref name="duration"/> each and prints a table.</summary>
    public static async Task RunAsync(
        IReadOnlyDictionary<string, string> environment,
        TimeSpan duration
    )
    {
        var script = ProcedureScripts.ByKey[Key];
        await using var factory = new InProcess.Factory(environment);
        var users = script
            .HappyPath.Select(s => s.User!)
            .Append("applicant.demo")
            .Distinct()
            .ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var user in users)
            clients[user] = await LoginAsync(factory, user);
        Console.WriteLine(
            $"\n## {Key} end to end (SQLite, in-process over TestServer, {script.HappyPath.Count} user tasks, 4 service tasks, SLA clocks)\n"
        );
        Console.WriteLine($"load average before: {LoadAverage()}");
        for (var i = 0; i < 3; i++)
            await CaseAsync(clients, script); // warm-up: JIT, first queries
        Console.WriteLine();
        Console.WriteLine(
            "| concurrent cases | cases/s | CPU ms per case | HTTP requests per case | case wall s (p50 / p95) |"
        );
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var concurrent in new[] { 1, 4 })
        {
            var walls = new List<double>();
            var requests = 0L;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(
                Enumerable
                    .Range(0, concurrent)
                    .Select(_ =>
                        Task.Run(async () =>
                        {
                            while (watch.Elapsed < duration)
                            {
                                var t0 = Stopwatch.GetTimestamp();
                                var n = await CaseAsync(clients, script);
                                lock (walls)
                                {
                                    walls.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
                                    requests += n;
                                }
                            }
                        })
                    )
            );
            var elapsed = watch.Elapsed.TotalSeconds;
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            walls.Sort();
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {concurrent} | {walls.Count / elapsed:F2} | {cpuMs / walls.Count:F1} | {requests / (double)walls.Count:F1} | {walls[walls.Count / 2]:F2} / {walls[Math.Min(walls.Count - 1, walls.Count * 95 / 100)]:F2} |"
                )
            );
        }
        Console.WriteLine($"load average after: {LoadAverage()}");
        foreach (var client in clients.Values)
            client.Dispose();
    }

    // One case as CaseDriver.SubmitAsync and RunToEndAsync drive it (same start variables, same steps), returning the
    // number of HTTP requests it took. A step's task appears after the previous step's commit, or after the simulated
    // systems' service tasks ran on Hangfire, so the step's user polls their task list for it.
    private static async Task<int> CaseAsync(
        Dictionary<string, HttpClient> clients,
        ProcedureScript script
    )
    {
        var variables = new JsonObject
        {
            ["applicantName"] = "John Smith",
            ["nationality"] = "GB",
            ["employer"] = "Example Ltd",
            ["applicantUser"] = "applicant.demo",
            ["employerUser"] = "employer.demo",
        };
        foreach (var (name, value) in script.Start)
            variables[name] = value?.DeepClone();
        var businessKey = $"BK-{Guid.NewGuid():N}"[..20];
        var start = await clients["applicant.demo"]
            .PostAsJsonAsync(
                "/api/instances",
                new
                {
                    definitionKey = script.Key,
                    businessKey,
                    variables,
                }
            );
        start.EnsureSuccessStatusCode();
        var id = (string)(await start.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var requests = 1;
        foreach (var step in script.HappyPath)
        {
            if (step.Kind != ScriptStep.UserTask)
                throw new InvalidOperationException(
                    $"{script.Key}: only user task steps are driven here, not {step}."
                );
            var client = clients[step.User!];
            string? taskId = null;
            var deadline = Stopwatch.StartNew();
            while (taskId is null)
            {
                requests++;
                var page = await client.GetFromJsonAsync<JsonObject>(
                    $"/api/tasks?businessKey={businessKey}&pageSize=200"
                );
                taskId = page!["items"]!
                    .AsArray()
                    .FirstOrDefault(t =>
                        (string?)t!["instanceId"] == id
                        && (string?)t["elementId"] == step.ElementId
                        && (string?)t["status"] == "Open"
                    )
                    ?["id"]?.GetValue<string>();
                if (taskId is null)
                {
                    if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                        throw new TimeoutException(
                            $"{script.Key} {businessKey}: {step.User} never saw {step.ElementId}."
                        );
                    await Task.Delay(10);
                }
            }
            requests++;
            var complete = await client.PostAsJsonAsync(
                $"/api/tasks/{taskId}/complete",
                new { variables = step.Variables }
            );
            if (!complete.IsSuccessStatusCode)
                throw new InvalidOperationException(
                    $"{step}: {(int)complete.StatusCode} {await complete.Content.ReadAsStringAsync()}"
                );
        }
        return requests;
    }

    private static async Task<HttpClient> LoginAsync(InProcess.Factory factory, string user)
    {
        var http = factory.CreateClient();
        var login = await http.PostAsJsonAsync(
            "/api/auth/login",
            new { userName = user, password = "demo" }
        );
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer",
            (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!
        );
        return http;
    }

    /// <summary>The 1/5/15-minute load average (Linux).</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
            : "n/a";
}
