// Yellow and red at the right instant on the office calendar, on a settable clock: weekend, Spring Festival 2026,
// the adjusted working Saturday 2026-02-28; escalation to the section chief with a supervision record; completed tasks.
using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>SLA level transitions through the real host (SQLite), driven by a settable clock.</summary>
public sealed class SlaLevelSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static readonly TimeSpan Close = new(17, 30, 0);

    private static DateTimeOffset CloseOf(int year, int month, int day) =>
        SettableTime.Local(year, month, day) - TimeSpan.FromHours(10) + Close;

    private async Task<(
        ServerHost Host,
        SettableTime Time,
        Guid Id,
        HttpClient Admin
    )> StartCaseAsync(DateTimeOffset at, string limit, string warning = "1WD")
    {
        var time = new SettableTime(at);
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("sla");
        await (await host.As("designer")).DeployOkAsync(
            SlaProcesses.TaskWithSla(key, limit, warning)
        );
        var admin = await host.As("admin");
        var id = await admin.StartAsync(key, businessKey: $"BK-{key}");
        return (host, time, id, admin);
    }

    private static async Task<string> LevelAfterAsync(
        ServerHost host,
        SettableTime time,
        Guid id,
        DateTimeOffset at
    )
    {
        time.Now = at;
        await SlaHost.FireDueAsync(host, time);
        return (await SlaHost.TaskClockAsync(host, id)).Level;
    }

    [Fact]
    public async Task Clock_started_on_friday_turns_yellow_after_monday_close_and_red_after_tuesday_close()
    {
        var (host, time, id, _) = await StartCaseAsync(SettableTime.Local(2026, 3, 6), "2WD");
        var clock = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal(CloseOf(2026, 3, 10), clock.DueAt);
        Assert.Equal(CloseOf(2026, 3, 9), clock.WarningAt);
        var task = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == id)
        );
        Assert.Equal(clock.DueAt, task.DueAt);

        Assert.Equal(
            "green",
            await LevelAfterAsync(host, time, id, SettableTime.Local(2026, 3, 8, 23, 59))
        );
        Assert.Equal(
            "green",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 9).AddSeconds(-1))
        );
        Assert.Equal(
            "yellow",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 9).AddSeconds(1))
        );
        Assert.Equal("yellow", await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 10)));
        Assert.Equal(
            "red",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 10).AddSeconds(1))
        );
        var levels = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking()
                .Where(t => t.InstanceId == id)
                .Select(t => t.SlaLevel)
                .SingleAsync()
        );
        Assert.Equal("red", levels);
    }

    [Fact]
    public async Task Spring_festival_2026_is_skipped_and_the_adjusted_saturday_before_it_counts()
    {
        // Thursday 02-12 + 3WD: Fri 02-13, Sat 02-14 (adjusted workday), then 02-15..02-23 off, Tue 02-24.
        var (host, time, id, _) = await StartCaseAsync(SettableTime.Local(2026, 2, 12), "3WD");
        var clock = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal(CloseOf(2026, 2, 24), clock.DueAt);
        Assert.Equal(CloseOf(2026, 2, 14), clock.WarningAt);
        Assert.False(clock.Provisional);

        Assert.Equal(
            "green",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 14).AddMinutes(-1))
        );
        Assert.Equal(
            "yellow",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 14).AddMinutes(1))
        );
        Assert.Equal(
            "yellow",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 23).AddHours(3))
        );
        Assert.Equal(
            "red",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 24).AddMinutes(1))
        );
    }

    [Fact]
    public async Task Adjusted_working_saturday_2026_02_28_is_a_due_day()
    {
        // Thursday 02-26 + 2WD: Fri 02-27, Sat 02-28 (adjusted workday after Spring Festival).
        var (host, time, id, _) = await StartCaseAsync(SettableTime.Local(2026, 2, 26), "2WD");
        var clock = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal(CloseOf(2026, 2, 28), clock.DueAt);
        Assert.Equal(CloseOf(2026, 2, 27), clock.WarningAt);

        Assert.Equal(
            "yellow",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 27).AddMinutes(1))
        );
        Assert.Equal(
            "yellow",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 28).AddMinutes(-1))
        );
        Assert.Equal(
            "red",
            await LevelAfterAsync(host, time, id, CloseOf(2026, 2, 28).AddMinutes(1))
        );
    }

    [Fact]
    public async Task Red_escalates_to_chief_kjj_in_app_and_opens_one_supervision_record()
    {
        var (host, time, id, _) = await StartCaseAsync(SettableTime.Local(2026, 3, 6), "2WD");
        await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 10).AddMinutes(1));
        // A second firing of everything due changes nothing.
        await LevelAfterAsync(host, time, id, CloseOf(2026, 3, 10).AddMinutes(2));

        var chief = await host.As("chief.kjj");
        var inbox = await chief.GetObjectAsync("/api/notifications?unread=true&pageSize=200");
        var escalations = inbox["items"]!
            .AsArray()
            .Where(n =>
                (string?)n!["kind"] == "sla.escalation" && n!["instanceId"]!.GetValue<Guid>() == id
            )
            .ToList();
        Assert.Single(escalations);
        Assert.Contains("超期", (string)escalations[0]!["subject"]!);
        Assert.Contains("overdue", (string)escalations[0]!["subject"]!);
        var count = await chief.GetObjectAsync("/api/notifications/unread-count");
        Assert.True(count["count"]!.GetValue<int>() >= 1);

        var supervisor = await host.As("supervisor");
        var records = await supervisor.GetObjectAsync(
            "/api/sla/supervision?status=open&pageSize=200"
        );
        var record = Assert.Single(
            records["items"]!.AsArray(),
            r => r!["instanceId"]!.GetValue<Guid>() == id
        );
        Assert.Equal("kjj", (string?)record!["bureau"]);
        Assert.Equal(CloseOf(2026, 3, 10), record["dueAt"]!.GetValue<DateTimeOffset>());
        var seenByChief = await chief.GetObjectAsync(
            "/api/sla/supervision?status=open&pageSize=200"
        );
        Assert.Contains(
            seenByChief["items"]!.AsArray(),
            r => r!["instanceId"]!.GetValue<Guid>() == id
        );
        var clerkCrj = await host.As("clerk.crj");
        var seenByOtherBureau = await clerkCrj.GetObjectAsync(
            "/api/sla/supervision?status=open&pageSize=200"
        );
        Assert.DoesNotContain(
            seenByOtherBureau["items"]!.AsArray(),
            r => r!["instanceId"]!.GetValue<Guid>() == id
        );

        var closeByChief = await chief.PostJsonAsync(
            $"/api/sla/supervision/{record["id"]}/close",
            new { note = "done" }
        );
        await ApiCalls.Expect(closeByChief, HttpStatusCode.Forbidden);
        var close = await supervisor.PostJsonAsync(
            $"/api/sla/supervision/{record["id"]}/close",
            new { note = "已督办 handled" }
        );
        await ApiCalls.Expect(close, HttpStatusCode.OK);
        var open = await supervisor.GetObjectAsync("/api/sla/supervision?status=open&pageSize=200");
        Assert.DoesNotContain(
            open["items"]!.AsArray(),
            r => r!["instanceId"]!.GetValue<Guid>() == id
        );

        var dashboard = await supervisor.GetObjectAsync("/api/sla/cases?level=red&pageSize=200");
        var row = Assert.Single(
            dashboard["items"]!.AsArray(),
            r => r!["instanceId"]!.GetValue<Guid>() == id
        );
        Assert.True(row!["workingDaysLeft"]!.GetValue<int>() <= 0);
    }

    [Fact]
    public async Task A_timer_whose_task_was_completed_does_nothing()
    {
        var (host, time, id, _) = await StartCaseAsync(SettableTime.Local(2026, 3, 6), "2WD");
        var clerk = await host.As("clerk.kjj");
        var taskId = await clerk.TaskIdOfAsync(id);
        await ApiCalls.Expect(
            await clerk.PostAsync($"/api/tasks/{taskId}/claim", null),
            HttpStatusCode.OK
        );
        await ApiCalls.Expect(
            await clerk.PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { } }),
            HttpStatusCode.OK
        );

        var clock = await SlaHost.TaskClockAsync(host, id);
        Assert.Equal("stopped", clock.Status);
        Assert.Equal(false, clock.FinishedLate);
        var timers = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.InstanceId == id && t.Kind.StartsWith("sla."))
                .ToListAsync()
        );
        Assert.NotEmpty(timers);
        Assert.All(timers, t => Assert.Equal(TimerStatuses.Cancelled, t.Status));

        // A stale job (e.g. a replay) reaches the row anyway: the handler finds the clock stopped and does nothing.
        var red = timers.Single(t => t.Kind == "sla.red");
        await host.QueryAsync(db =>
            db.Timers.Where(t => t.Id == red.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Pending))
        );
        time.Now = CloseOf(2026, 3, 10).AddHours(1);
        var fired = await host.Services.GetRequiredService<TimerJob>().FireAsync(red.Id);

        Assert.False(fired);
        Assert.Empty(await SlaHost.NotificationsAsync(host, id));
        Assert.Equal("green", (await SlaHost.TaskClockAsync(host, id)).Level);
        Assert.Empty(
            await host.QueryAsync(db =>
                db.SupervisionRecords.AsNoTracking().Where(s => s.InstanceId == id).ToListAsync()
            )
        );
    }
}
