// A short timer fires through real Hangfire on the wall clock (PostgreSQL: Hangfire's own PostgreSQL storage), once.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>Timer scenarios, run once per database provider.</summary>
public abstract class TimerSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task An_intermediate_timer_fires_once_and_the_instance_completes()
    {
        var storage = fixture.Provider == "PostgreSql" ? "Database" : "InMemory";
        var host = await fixture.StartAsync(new HostOptions(HangfireStorage: storage));
        var key = Processes.NewKey("timer");
        await (await host.As("designer")).DeployOkAsync(Processes.Timer(key, "PT2S"));
        var admin = await host.As("admin");

        var id = await admin.StartAsync(key);
        var waiting = await admin.InstanceAsync(id);
        var done = await admin.WaitForStatusAsync(id, "Completed");

        Assert.Contains(
            "wait",
            waiting["activeElementIds"]!
                .AsArray()
                .Select(e => (string)e!)
                .Concat(done["completedElementIds"]!.AsArray().Select(e => (string)e!))
        );
        var timers = await host.QueryAsync(db =>
            db.Timers.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync()
        );
        var timer = Assert.Single(timers);
        Assert.Equal(TimerStatuses.Fired, timer.Status);
        Assert.Equal(1, timer.Attempts);
        var history = await admin.GetArrayAsync($"/api/instances/{id}/history");
        Assert.Single(history, h => (string?)h!["action"] == "timer.fired");
    }
}

/// <summary>Timer scenarios on a SQLite file (in-memory Hangfire).</summary>
public sealed class TimerOnSqlite(SqliteFixture fixture)
    : TimerSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Timer scenarios on PostgreSQL (Hangfire.PostgreSql storage).</summary>
[Postgres]
public sealed class TimerOnPostgres(PostgresFixture fixture)
    : TimerSpecs(fixture),
        IClassFixture<PostgresFixture>;
