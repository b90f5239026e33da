// A failing timer's retry budget on a settable clock: each failure holds it longer, the last one stops it with an incident
// on its instance, and an admin's retry of that incident (through the API) fires it once more.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Application.Timers;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Sla;

namespace Workflows.Server.Tests.Timers;

/// <summary>The timer retry budget, run once per database provider.</summary>
public abstract class TimerRetryBudgetSpecs(HostFixture fixture)
{
    private const string ElementId = "reminder";

    [ProviderFact]
    public async Task A_timer_that_always_fails_is_tried_its_budget_with_growing_holds_then_stops_with_an_incident_that_a_retry_fires_once()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 4));
        var handler = new FlakyTimerHandler();
        var host = await SlaHost.StartAsync(fixture, time, handler.Register);
        var (admin, instanceId, timerId) = await TimerOfAnInstanceAsync(host, time, "tbudget");
        handler.FailAlways[timerId] = true;
        var drain = host.Services.GetRequiredService<TimerDrain>();
        var settings = host
            .Services.GetRequiredService<IOptionsMonitor<TimerFiringOptions>>()
            .CurrentValue;
        var budget = settings.AttemptBudget;
        Assert.True(budget >= 3, $"default budget {budget}");
        Task<TimerEntity> RowAsync() =>
            host.QueryAsync(db => db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId));

        var holds = new List<TimeSpan>();
        for (var attempt = 1; attempt < budget; attempt++)
        {
            await drain.Request(time.GetUtcNow()).Drain;
            var row = await RowAsync();
            Assert.Equal(
                (TimerStatuses.Pending, attempt, attempt),
                (row.Status, row.Attempts, handler.CallsFor(timerId))
            );
            Assert.Equal($"timer {timerId} fails call {attempt}", row.LastError);
            var hold = row.LockedUntil!.Value - time.GetUtcNow();
            Assert.Equal(settings.HoldAfter(attempt), hold);
            holds.Add(hold);

            // A second before its hold ends, a drain leaves it alone.
            time.Now += hold - TimeSpan.FromSeconds(1);
            await drain.Request(time.GetUtcNow()).Drain;
            Assert.Equal(attempt, handler.CallsFor(timerId));
            time.Now += TimeSpan.FromSeconds(1);
        }
        Assert.All(
            holds.Zip(holds.Skip(1)),
            pair => Assert.True(pair.Second > pair.First, $"hold {pair.Second} after {pair.First}")
        );

        await drain.Request(time.GetUtcNow()).Drain; // the last attempt of the budget
        var stopped = await RowAsync();
        Assert.Equal(
            (TimerStatuses.Failed, budget, budget, (DateTimeOffset?)null),
            (stopped.Status, stopped.Attempts, handler.CallsFor(timerId), stopped.LockedUntil)
        );
        var incident = Assert.Single(await OpenIncidentsAsync(admin, instanceId))!;
        Assert.Equal(
            (ElementId, timerId),
            ((string?)incident["elementId"], (string?)incident["timerId"])
        );
        Assert.Contains(FlakyTimerHandler.Kind, (string)incident["message"]!);
        Assert.Contains($"fails call {budget}", (string)incident["message"]!);
        var history = await admin.GetArrayAsync($"/api/instances/{instanceId}/history");
        Assert.Equal(budget, history.Count(h => (string?)h!["action"] == "timer.failed"));
        Assert.Single(
            history,
            h =>
                (string?)h!["action"] == "incident.raised"
                && (string?)h["data"]?["timerId"] == timerId
        );

        // Stopped: no drain or sweep tries it again, however late it gets.
        time.Now += TimeSpan.FromDays(1);
        await drain.Request(time.GetUtcNow()).Drain;
        Assert.Equal(budget, handler.CallsFor(timerId));

        // An admin's retry while it still fails: fired once, and the budget being spent, a new incident at once.
        Assert.Equal(1, await RetryAsync(admin, instanceId));
        await drain.Request(time.GetUtcNow()).Drain;
        Assert.Equal(budget + 1, handler.CallsFor(timerId));
        Assert.Equal(
            (TimerStatuses.Failed, budget + 1),
            ((await RowAsync()).Status, (await RowAsync()).Attempts)
        );
        Assert.Single(await OpenIncidentsAsync(admin, instanceId));

        // Repaired, retried: it fires once and the incident is gone.
        handler.FailAlways.TryRemove(timerId, out _);
        Assert.Equal(1, await RetryAsync(admin, instanceId));
        await drain.Request(time.GetUtcNow()).Drain;
        var fired = await RowAsync();
        Assert.Equal((TimerStatuses.Fired, budget + 2), (fired.Status, fired.Attempts));
        Assert.Equal((budget + 2, 1), (handler.CallsFor(timerId), handler.SuccessesFor(timerId)));
        Assert.Empty(await OpenIncidentsAsync(admin, instanceId));
        var rearmed = await admin.GetArrayAsync($"/api/instances/{instanceId}/history");
        Assert.Equal(
            2,
            rearmed.Count(h =>
                (string?)h!["action"] == "timer.rearmed" && (string?)h["actor"] == "admin"
            )
        );
        time.Now += TimeSpan.FromDays(1);
        await drain.Request(time.GetUtcNow()).Drain;
        Assert.Equal(1, handler.SuccessesFor(timerId));
    }

    [ProviderFact]
    public async Task A_timer_that_fails_once_then_succeeds_fires_exactly_once_without_an_incident()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 5));
        var handler = new FlakyTimerHandler();
        var host = await SlaHost.StartAsync(fixture, time, handler.Register);
        var (admin, instanceId, timerId) = await TimerOfAnInstanceAsync(host, time, "tonce");
        handler.FailOnce[timerId] = true;
        var drain = host.Services.GetRequiredService<TimerDrain>();
        var hold = host
            .Services.GetRequiredService<IOptionsMonitor<TimerFiringOptions>>()
            .CurrentValue.HoldAfter(1);

        // The first attempt through the single-row job (operators, older jobs): it counts and holds like the drain's.
        Assert.False(await host.Services.GetRequiredService<TimerJob>().FireAsync(timerId));
        var held = await host.QueryAsync(db =>
            db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId)
        );
        Assert.Equal(
            (TimerStatuses.Pending, 1, time.GetUtcNow() + hold),
            (held.Status, held.Attempts, held.LockedUntil)
        );
        await drain.Request(time.GetUtcNow()).Drain;
        Assert.Equal(1, handler.CallsFor(timerId));
        time.Now += hold;
        await drain.Request(time.GetUtcNow()).Drain;
        time.Now += TimeSpan.FromDays(1);
        await drain.Request(time.GetUtcNow()).Drain;

        var row = await host.QueryAsync(db =>
            db.Timers.AsNoTracking().SingleAsync(t => t.Id == timerId)
        );
        Assert.Equal((TimerStatuses.Fired, 2), (row.Status, row.Attempts));
        Assert.Equal($"timer {timerId} fails its first call", row.LastError); // kept for the record
        Assert.Equal((2, 1), (handler.CallsFor(timerId), handler.SuccessesFor(timerId)));
        Assert.Empty(await OpenIncidentsAsync(admin, instanceId));
        Assert.Equal(
            0,
            await host.QueryAsync(db => db.Incidents.CountAsync(i => i.InstanceId == instanceId))
        );
        var history = await admin.GetArrayAsync($"/api/instances/{instanceId}/history");
        Assert.Single(history, h => (string?)h!["action"] == "timer.failed");
    }

    [ProviderFact]
    public async Task A_bpmn_timer_whose_budget_the_drain_spent_becomes_an_incident_on_its_element_and_a_retry_moves_the_instance_on()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 6));
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("tbpmn");
        await (await host.As("designer")).DeployOkAsync(Processes.Timer(key, "PT1H"));
        var admin = await host.As("admin");
        var instanceId = await admin.StartAsync(key);
        var failures = host.Services.GetRequiredService<TimerFailures>();
        var budget = host
            .Services.GetRequiredService<IOptionsMonitor<TimerFiringOptions>>()
            .CurrentValue.AttemptBudget;
        Task<TimerEntity> RowAsync() =>
            host.QueryAsync(db =>
                db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == instanceId)
            );

        // What the drain records when the instance's step fails: the BPMN attempt rolled back with it, so the row as claimed
        // is unchanged each time (the clock stays before the due moment, so no drain fires it meanwhile).
        for (var attempt = 1; attempt <= budget; attempt++)
        {
            var failure = await failures.RecordAsync(
                await RowAsync(),
                new InvalidOperationException($"step failed {attempt}")
            );
            Assert.Equal(attempt, failure!.Attempt);
            Assert.Equal(
                attempt == budget,
                failure.RetryAt is null && failure.IncidentId is not null
            );
        }
        var stopped = await RowAsync();
        Assert.Equal(
            (TimerStatuses.Failed, budget, $"step failed {budget}"),
            (stopped.Status, stopped.Attempts, stopped.LastError)
        );
        var incident = Assert.Single(await OpenIncidentsAsync(admin, instanceId))!;
        Assert.Equal(
            ("wait", stopped.Id),
            ((string?)incident["elementId"], (string?)incident["timerId"])
        );
        Assert.Contains("(bpmn)", (string)incident["message"]!);
        Assert.Null(await failures.RecordAsync(stopped, new InvalidOperationException("late"))); // stopped: nothing more is counted

        Assert.Equal(1, await RetryAsync(admin, instanceId));
        time.Now += TimeSpan.FromHours(1);
        await host.Services.GetRequiredService<TimerDrain>().Request(time.GetUtcNow()).Drain;

        Assert.Equal("Completed", (string?)(await admin.InstanceAsync(instanceId))["status"]);
        Assert.Equal(
            (TimerStatuses.Fired, budget + 1),
            ((await RowAsync()).Status, (await RowAsync()).Attempts)
        );
        Assert.Empty(await OpenIncidentsAsync(admin, instanceId));
    }

    [ProviderFact]
    public async Task Retrying_a_timer_incident_leaves_a_service_call_in_flight_on_the_same_instance_alone()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 6));
        var service = new CountingHandler("tbudget.inflight");
        var host = await SlaHost.StartAsync(
            fixture,
            time,
            s =>
            {
                new FlakyTimerHandler().Register(s);
                service.Register(s);
            }
        );
        var key = Processes.NewKey("tinflight");
        await (await host.As("designer")).DeployOkAsync(Processes.Service(key, service.Name));
        var admin = await host.As("admin");
        var instanceId = await admin.StartAsync(key); // waits at its service task; its call is in the outbox, not failed
        var timerId = $"tinflight-{Guid.NewGuid():N}";
        await host.QueryAsync(db =>
        {
            var now = time.GetUtcNow();
            var timer = new TimerEntity
            {
                Id = timerId,
                InstanceId = instanceId,
                ElementId = ElementId,
                Kind = FlakyTimerHandler.Kind,
                DueAt = now,
                Status = TimerStatuses.Failed,
                Attempts = 5,
                CreatedAt = now,
                Version = 1,
            };
            db.Timers.Add(timer);
            IncidentService.Raise(db, now, instanceId, ElementId, "budget spent", timer);
            return db.SaveChangesAsync();
        });

        Assert.Equal(1, await RetryAsync(admin, instanceId));

        Assert.Equal(
            TimerStatuses.Pending,
            await host.QueryAsync(db =>
                db.Timers.Where(t => t.Id == timerId).Select(t => t.Status).SingleAsync()
            )
        );
        Assert.Empty(ServiceJobsOf(host, instanceId)); // a second call of the service would be a duplicate external request
        Assert.Equal(0, service.CallsFor(instanceId));
    }

    // Every ServiceTaskJob Hangfire holds for the instance, in any state.
    private static List<string> ServiceJobsOf(ServerHost host, Guid instanceId)
    {
        var api = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var jobs = api.Queues()
            .SelectMany(q => api.EnqueuedJobs(q.Name, 0, 10_000).Select(j => j.Value.Job))
            .Concat(api.ProcessingJobs(0, 10_000).Select(j => j.Value.Job))
            .Concat(api.SucceededJobs(0, 10_000).Select(j => j.Value.Job))
            .Concat(api.FailedJobs(0, 10_000).Select(j => j.Value.Job))
            .Concat(api.ScheduledJobs(0, 10_000).Select(j => j.Value.Job));
        return
        [
            .. jobs.Where(j => j?.Type == typeof(ServiceTaskJob))
                .Select(j => (string)j!.Args[0])
                .Where(payload => payload.Contains(instanceId.ToString())),
        ];
    }

    // A running instance (a user task waits) with a due timer row of the test kind on it, as an SLA reminder would be.
    private static async Task<(
        HttpClient Admin,
        Guid InstanceId,
        string TimerId
    )> TimerOfAnInstanceAsync(ServerHost host, SettableTime time, string prefix)
    {
        var key = Processes.NewKey(prefix);
        await (await host.As("designer")).DeployOkAsync(Processes.UserTask(key));
        var admin = await host.As("admin");
        var instanceId = await admin.StartAsync(key);
        var timerId = $"{prefix}-{Guid.NewGuid():N}";
        var due = time.GetUtcNow().AddSeconds(-1);
        await host.QueryAsync(db =>
        {
            db.Timers.Add(
                new TimerEntity
                {
                    Id = timerId,
                    InstanceId = instanceId,
                    ElementId = ElementId,
                    Kind = FlakyTimerHandler.Kind,
                    DueAt = due,
                    Status = TimerStatuses.Pending,
                    CreatedAt = due,
                    Version = 1,
                }
            );
            return db.SaveChangesAsync();
        });
        return (admin, instanceId, timerId);
    }

    private static async Task<JsonArray> OpenIncidentsAsync(HttpClient admin, Guid instanceId) =>
        (await admin.InstanceAsync(instanceId))["incidents"]!.AsArray();

    private static async Task<int> RetryAsync(HttpClient admin, Guid instanceId)
    {
        var response = await admin.PostAsync($"/api/instances/{instanceId}/incidents/retry", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<int>();
    }
}

/// <summary>Timer retry budget on a SQLite file.</summary>
public sealed class TimerRetryBudgetOnSqlite(SqliteFixture fixture)
    : TimerRetryBudgetSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Timer retry budget on PostgreSQL.</summary>
[Postgres]
public sealed class TimerRetryBudgetOnPostgres(PostgresFixture fixture)
    : TimerRetryBudgetSpecs(fixture),
        IClassFixture<PostgresFixture>;
