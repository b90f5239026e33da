// A supplement pauses the clocks over Spring Festival and moves the due date by exactly the paused working days;
// reminders repeat without duplicates, also after a restart on the same database.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Sla;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>Pauses, resumes and repeated reminders on a settable clock (SQLite).</summary>
public sealed class SlaPauseAndRestartSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static DateTimeOffset CloseOf(int year, int month, int day) =>
        SettableTime.Local(year, month, day, 17, 30);

    private static async Task WithTrackerAsync(
        ServerHost host,
        Func<WorkflowsDbContext, ISlaTracker, Task> action
    )
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
        await action(db, scope.ServiceProvider.GetRequiredService<ISlaTracker>());
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Supplement_over_spring_festival_extends_the_due_date_by_exactly_the_paused_working_days()
    {
        // Tuesday 02-10 + 5WD: 02-11, 02-12, 02-13, Sat 02-14 (adjusted), 02-24 → due 02-24.
        var time = new SettableTime(SettableTime.Local(2026, 2, 10));
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("supp");
        await (await host.As("designer")).DeployOkAsync(SlaProcesses.TaskWithSla(key, "5WD"));
        var admin = await host.As("admin");
        var id = await admin.StartAsync(key);
        var taskId = await admin.TaskIdOfAsync(id);
        Assert.Equal(CloseOf(2026, 2, 24), (await SlaHost.TaskClockAsync(host, id)).DueAt);

        time.Now = SettableTime.Local(2026, 2, 12);
        await WithTrackerAsync(
            host,
            (db, sla) => sla.PauseAsync(db, id, taskId, "supplement", time.GetUtcNow())
        );
        var paused = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal("paused", paused.Status);
        var pending = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .CountAsync(t =>
                    t.InstanceId == id
                    && t.Kind.StartsWith("sla.")
                    && t.Status == TimerStatuses.Pending
                )
        );
        Assert.Equal(0, pending);
        // Nothing turns yellow while paused, even past the old warning moment.
        time.Now = CloseOf(2026, 2, 24).AddHours(1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("green", (await SlaHost.TaskClockAsync(host, id)).Level);

        // Resumed Wednesday 02-25: paused working days 02-13, 02-14, 02-24, 02-25 = 4 → 9WD → Saturday 02-28 (adjusted).
        time.Now = SettableTime.Local(2026, 2, 25);
        await WithTrackerAsync(
            host,
            (db, sla) => sla.ResumeAsync(db, id, taskId, time.GetUtcNow())
        );
        var resumed = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal("running", resumed.Status);
        Assert.Equal(CloseOf(2026, 2, 28), resumed.DueAt);
        Assert.Equal(CloseOf(2026, 2, 27), resumed.WarningAt);
        var task = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId)
        );
        Assert.Equal(resumed.DueAt, task.DueAt);
        var timers = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.InstanceId == id && t.Status == TimerStatuses.Pending)
                .ToListAsync()
        );
        Assert.Equal(
            CloseOf(2026, 2, 27),
            Assert.Single(timers, t => t.Kind == SlaTimerKinds.Yellow).DueAt
        );
        Assert.Equal(
            CloseOf(2026, 2, 28).AddSeconds(1),
            Assert.Single(timers, t => t.Kind == SlaTimerKinds.Red).DueAt
        );

        var clocks = await admin.GetArrayAsync($"/api/instances/{id}/clocks");
        var clock = Assert.Single(clocks, c => (string?)c!["kind"] == "task")!;
        Assert.Equal(4, clock["pausedWorkingDays"]!.GetValue<int>());
        Assert.Equal("supplement", (string?)clock["pauses"]![0]!["reason"]);
        var actions = clock["events"]!.AsArray().Select(e => (string)e!["action"]!).ToList();
        Assert.Equal(["sla.started", "sla.paused", "sla.resumed"], actions);

        time.Now = CloseOf(2026, 2, 27).AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("yellow", (await SlaHost.TaskClockAsync(host, id)).Level);
    }

    [Fact]
    public async Task Reminders_repeat_once_per_interval_and_are_not_duplicated_after_a_restart()
    {
        // Friday 03-06 + 3WD → due Wednesday 03-11; yellow from the close of Tuesday 03-10; first reminder one working day later.
        var time = new SettableTime(SettableTime.Local(2026, 3, 6));
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("remind");
        await (await host.As("designer")).DeployOkAsync(SlaProcesses.TaskWithSla(key, "3WD"));
        var id = await (await host.As("admin")).StartAsync(key);

        time.Now = CloseOf(2026, 3, 10).AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
        time.Now = CloseOf(2026, 3, 11);
        await SlaHost.FireDueAsync(host, time);
        var before = await SlaHost.NotificationsAsync(host, id);
        var reminders = before.Where(n => n.Kind == SlaTimerKinds.Remind).ToList();
        // Unclaimed: the reviewers' group (clerk.kjj, chief.kjj) hears it, once each.
        Assert.Equal(["chief.kjj", "clerk.kjj"], reminders.Select(n => n.Recipient).Order());
        Assert.Equal(2, before.Count(n => n.Kind == SlaTimerKinds.Yellow));

        await host.DisposeAsync();
        var restarted = await SlaHost.StartAsync(fixture, time);
        await SlaHost.FireDueAsync(restarted, time);
        await restarted.Services.GetRequiredService<SweepJob>().RunAsync();
        // A replayed job of the first reminder reaches its row again.
        var first = await restarted.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .SingleAsync(t =>
                    t.InstanceId == id
                    && t.Kind == SlaTimerKinds.Remind
                    && t.Status == TimerStatuses.Fired
                )
        );
        await restarted.QueryAsync(db =>
            db.Timers.Where(t => t.Id == first.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Pending))
        );
        await SlaHost.FireDueAsync(restarted, time);

        var after = await SlaHost.NotificationsAsync(restarted, id);
        Assert.Equal(before.Select(n => n.DedupKey).Order(), after.Select(n => n.DedupKey).Order());
        var next = await restarted.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t =>
                    t.InstanceId == id
                    && t.Kind == SlaTimerKinds.Remind
                    && t.Status == TimerStatuses.Pending
                )
                .ToListAsync()
        );
        Assert.Single(next);
        Assert.EndsWith("-yellow-2", next[0].Id);
    }
}
