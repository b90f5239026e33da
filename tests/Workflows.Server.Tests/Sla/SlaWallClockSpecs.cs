// Real Hangfire on the wall clock: a PT3S task SLA with a PT2S warning turns yellow, then red, by itself, once each.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application.Sla;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>Wall-clock SLA scenarios, run once per database provider.</summary>
public abstract class SlaWallClockSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task A_task_turns_yellow_then_red_by_itself_and_each_transition_fires_once()
    {
        var storage = fixture.Provider == "PostgreSql" ? "Database" : "InMemory";
        var host = await fixture.StartAsync(new HostOptions(HangfireStorage: storage));
        var key = Processes.NewKey("slawall");
        await (await host.As("designer")).DeployOkAsync(
            SlaProcesses.TaskWithSla(key, "PT3S", "PT2S")
        );
        var admin = await host.As("admin");
        var id = await admin.StartAsync(key);

        await ApiCalls.EventuallyAsync(
            () =>
                host.QueryAsync(db =>
                    db.SlaClocks.AsNoTracking()
                        .Where(c => c.InstanceId == id)
                        .Select(c => c.Level)
                        .SingleAsync()
                ),
            level => level == "red",
            "the task clock turning red",
            seconds: 90
        );
        var task = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == id)
        );
        Assert.Equal("red", task.SlaLevel);
        var timers = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t =>
                    t.InstanceId == id
                    && (t.Kind == SlaTimerKinds.Yellow || t.Kind == SlaTimerKinds.Red)
                )
                .ToListAsync()
        );
        // A transition job that runs before its instant (a slow or busy node) re-arms a fresh row at the right moment, so
        // there may be more rows than transitions; what must hold is that no row fired twice and that each transition
        // happened exactly once (the history below).
        Assert.Contains(
            timers,
            t => t.Kind == SlaTimerKinds.Yellow && t.Status == TimerStatuses.Fired
        );
        Assert.Contains(
            timers,
            t => t.Kind == SlaTimerKinds.Red && t.Status == TimerStatuses.Fired
        );
        Assert.All(
            timers,
            t => Assert.True(t.Attempts <= 1, $"timer {t.Id} fired {t.Attempts} times")
        );
        var history = await admin.GetArrayAsync($"/api/instances/{id}/history");
        Assert.Single(history, h => (string?)h!["action"] == "sla.yellow");
        Assert.Single(history, h => (string?)h!["action"] == "sla.red");
        var notices = await SlaHost.NotificationsAsync(host, id);
        Assert.Equal(
            ["chief.kjj", "clerk.kjj"],
            notices.Where(n => n.Kind == SlaTimerKinds.Yellow).Select(n => n.Recipient).Order()
        );
        Assert.Equal(
            ["chief.kjj", "clerk.kjj"],
            notices.Where(n => n.Kind == SlaTimerKinds.Red).Select(n => n.Recipient).Order()
        );
        Assert.Single(
            await host.QueryAsync(db =>
                db.SupervisionRecords.AsNoTracking().Where(s => s.InstanceId == id).ToListAsync()
            )
        );
    }
}

/// <summary>Wall-clock SLA on SQLite with in-memory Hangfire.</summary>
public sealed class SlaWallClockOnSqlite(SqliteFixture fixture)
    : SlaWallClockSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Wall-clock SLA on PostgreSQL with Hangfire's PostgreSQL storage.</summary>
[Postgres]
public sealed class SlaWallClockOnPostgres(PostgresFixture fixture)
    : SlaWallClockSpecs(fixture),
        IClassFixture<PostgresFixture>;
