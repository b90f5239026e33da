// The load: clients that start an instance, take its one user task from the start's answer and complete it, timing each phase.
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Server.Benchmarks;

/// <summary>Drives a server as the demo users designer (deploy) and clerk.kjj (start, complete).</summary>
public sealed class Driver
{
    private const string Key = "bench-review";
    private readonly Uri _address;
    private readonly string _clerkToken;

    private Driver(Uri address, string clerkToken)
    {
        _address = address;
        _clerkToken = clerkToken;
    }

    /// <summary>Signs in and deploys the benchmark process.</summary>
    public static async Task<Driver> CreateAsync(Uri address)
    {
        var designer = await LoginAsync(address, "designer");
        var clerk = await LoginAsync(address, "clerk.kjj");
        using var http = Client(address, designer);
        var deploy = await http.PostAsync(
            "/api/definitions",
            new StringContent(Bpmn, Encoding.UTF8, "application/xml")
        );
        if (!deploy.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"deploy: {(int)deploy.StatusCode} {await deploy.Content.ReadAsStringAsync()}"
            );
        return new Driver(address, clerk);
    }

    /// <summary>Runs <paramref name="clients"/> loops of lifecycles for <paramref name="duration"/>.</summary>
    public async Task<Result> RunAsync(int clients, TimeSpan duration)
    {
        var start = new List<double>();
        var complete = new List<double>();
        var seconds = await LoopAsync(
            clients,
            duration,
            async http =>
            {
                var businessKey = Guid.NewGuid().ToString("N");
                var t0 = Stopwatch.GetTimestamp();
                var started = await http.PostAsJsonAsync(
                    "/api/instances",
                    new
                    {
                        definitionKey = Key,
                        businessKey,
                        variables = new { amount = 1 },
                    }
                );
                started.EnsureSuccessStatusCode();
                // The start answers with the task it created (taskIds): no search of /api/tasks per lifecycle.
                var taskId = (string)
                    (await started.Content.ReadFromJsonAsync<JsonObject>())!["taskIds"]![0]!;
                var t1 = Stopwatch.GetTimestamp();
                (
                    await http.PostAsJsonAsync(
                        $"/api/tasks/{taskId}/complete",
                        new { variables = new { approved = true } }
                    )
                ).EnsureSuccessStatusCode();
                var t2 = Stopwatch.GetTimestamp();
                lock (start)
                {
                    start.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                    complete.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                }
            }
        );
        return new Result(start.Count / seconds, Percentiles(start), Percentiles(complete));
    }

    /// <summary>
    /// The HTTP ceiling: pairs of authenticated requests per second that touch no table (<c>GET /api/auth/me</c>, the
    /// session check answered from its cache), with <paramref name="clients"/> loops for <paramref name="duration"/>.
    /// A lifecycle is two authenticated requests (start, complete) through the same client, pipeline and sockets, so no
    /// engine or database can complete more lifecycles per second over HTTP on this machine than this.
    /// </summary>
    public async Task<double> CeilingAsync(int clients, TimeSpan duration)
    {
        var pairs = 0;
        var seconds = await LoopAsync(
            clients,
            duration,
            async http =>
            {
                for (var i = 0; i < 2; i++)
                {
                    using var me = await http.GetAsync("/api/auth/me");
                    me.EnsureSuccessStatusCode();
                    await me.Content.ReadAsByteArrayAsync();
                }
                Interlocked.Increment(ref pairs);
            }
        );
        return pairs / seconds;
    }

    // Runs clients loops of iteration, each on its own client signed in as clerk.kjj, until duration is over; returns
    // the seconds they took.
    private async Task<double> LoopAsync(
        int clients,
        TimeSpan duration,
        Func<HttpClient, Task> iteration
    )
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(async _ =>
                {
                    using var http = Client(_address, _clerkToken);
                    while (watch.Elapsed < duration)
                        await iteration(http);
                })
        );
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Starts <paramref name="count"/> instances that stay at their user task; returns how many started.</summary>
    public async Task<int> StartManyAsync(int count, int clients)
    {
        var next = 0;
        await Task.WhenAll(
            Enumerable
                .Range(0, clients)
                .Select(async _ =>
                {
                    using var http = Client(_address, _clerkToken);
                    while (Interlocked.Increment(ref next) <= count)
                        (
                            await http.PostAsJsonAsync(
                                "/api/instances",
                                new { definitionKey = Key, variables = new { amount = 1 } }
                            )
                        ).EnsureSuccessStatusCode();
                })
        );
        return count;
    }

    /// <summary>Throughput and per-phase latencies.</summary>
    public sealed record Result(double PerSecond, string Start, string Complete);

    private static string Percentiles(List<double> values)
    {
        if (values.Count == 0)
            return "-";
        values.Sort();
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{values[values.Count / 2]:F1} / {values[Math.Min(values.Count - 1, values.Count * 95 / 100)]:F1}"
        );
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
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The benchmark process: start → review (user task, group bureau:kjj/reviewer) → end.</summary>
    internal const string Bpmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_bench" targetNamespace="http://workflows.city/bench">
        <bpmn:process id="bench-review" name="Benchmark review" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:userTask id="review" name="Review" camunda:candidateGroups="bureau:kjj/reviewer"/>
          <bpmn:endEvent id="end"/>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
          <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
        </bpmn:process>
        </bpmn:definitions>
        """;
}
