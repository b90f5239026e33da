// Durability across a host restart: a waiting task and a pending timer survive it (in-memory Hangfire forgets its jobs;
// the start-up reconciler reschedules from the timer table), and an outbox left behind by a crash between commit and
// dispatch is replayed on start, exactly once.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>Restart scenarios, run once per database provider; each test stops and starts its own hosts.</summary>
public abstract class RestartSpecs(HostFixture fixture)
{
    private static readonly CountingHandler Counter = new("restart.count");

    private static HostOptions Options => new(Services: Counter.Register);

    [ProviderFact]
    public async Task A_restarted_host_resumes_a_waiting_task_and_fires_a_pending_timer_once()
    {
        var taskKey = Processes.NewKey("rtask");
        var timerKey = Processes.NewKey("rtimer");
        Guid taskInstance,
            timerInstance;
        var before = await fixture.StartAsync(Options);
        {
            var designer = await before.As("designer");
            await designer.DeployOkAsync(Processes.UserTask(taskKey));
            await designer.DeployOkAsync(Processes.Timer(timerKey, "PT4S"));
            var window = await before.As("clerk.window");
            taskInstance = await window.StartAsync(taskKey);
            timerInstance = await window.StartAsync(timerKey);
            Assert.Equal("Running", (string?)(await window.InstanceAsync(timerInstance))["status"]);
        }
        await before.DisposeAsync();

        await using var after = await fixture.StartAsync(Options);
        var clerk = await after.As("clerk.kjj");
        var taskId = await clerk.TaskIdOfAsync(taskInstance);
        var complete = await clerk.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { resumed = true } }
        );

        await ApiCalls.Expect(complete, System.Net.HttpStatusCode.OK);
        Assert.Equal("Completed", (string?)(await clerk.InstanceAsync(taskInstance))["status"]);
        // The timer case has no task: only its starter (or a reader) may read it, a clerk of another bureau gets 404.
        var starter = await after.As("clerk.window");
        await starter.WaitForStatusAsync(timerInstance, "Completed");
        var timer = Assert.Single(
            await after.QueryAsync(db =>
                db.Timers.AsNoTracking().Where(t => t.InstanceId == timerInstance).ToListAsync()
            )
        );
        Assert.Equal(TimerStatuses.Fired, timer.Status);
        Assert.Single(
            await starter.GetArrayAsync($"/api/instances/{timerInstance}/history"),
            h => (string?)h!["action"] == "timer.fired"
        );
    }

    [ProviderFact]
    public async Task An_outbox_left_by_a_crash_between_commit_and_dispatch_is_replayed_once_on_start()
    {
        var key = Processes.NewKey("outbox");
        Guid id;
        var crashed = await fixture.StartAsync(Options);
        {
            await (await crashed.As("designer")).DeployOkAsync(
                Processes.Service(key, Counter.Name)
            );
            crashed.Services.GetRequiredService<DispatchGate>().Enabled = false;
            var admin = await crashed.As("admin");
            id = await admin.StartAsync(key);
            var stuck = await admin.InstanceAsync(id);
            Assert.Equal("Running", (string?)stuck["status"]);
            Assert.Equal(["call"], stuck["activeElementIds"]!.AsArray().Select(e => (string)e!));
            var pending = await crashed.QueryAsync(db =>
                db.Outbox.AsNoTracking().Where(o => o.DispatchedAt == null).CountAsync()
            );
            Assert.True(pending > 0, "the start committed an outbox row that was not dispatched");
        }
        await crashed.DisposeAsync();
        Assert.Equal(0, Counter.CallsFor(id));

        await using var restarted = await fixture.StartAsync(Options);
        var done = await (await restarted.As("admin")).WaitForStatusAsync(id, "Completed");

        Assert.Equal(1, Counter.CallsFor(id));
        Assert.Equal(1, (int)done["variables"]![$"{Counter.Name}Calls"]!);
        var undispatched = await restarted.QueryAsync(db =>
            db.Outbox.AsNoTracking().Where(o => o.DispatchedAt == null).CountAsync()
        );
        Assert.Equal(0, undispatched);
    }
}

/// <summary>Restart scenarios on a SQLite file.</summary>
public sealed class RestartOnSqlite(SqliteFixture fixture)
    : RestartSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Restart scenarios on PostgreSQL.</summary>
[Postgres]
public sealed class RestartOnPostgres(PostgresFixture fixture)
    : RestartSpecs(fixture),
        IClassFixture<PostgresFixture>;
