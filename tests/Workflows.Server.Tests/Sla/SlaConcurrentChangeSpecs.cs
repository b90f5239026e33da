// A warning whose save meets a concurrent change of its task (a claim, a reassignment) still turns the clock yellow at its
// instant: the SLA handler reads the clock and task again and fires, instead of spending a timer attempt and waiting.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Entities;
using Workflows.Server.Application.Notifications;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>SLA transitions racing a change of their task (SQLite, settable clock).</summary>
public sealed class SlaConcurrentChangeSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task A_warning_racing_a_change_of_its_task_fires_on_its_first_attempt()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 9));
        var race = new RacingNotifier();
        var host = await SlaHost.StartAsync(
            fixture,
            time,
            s =>
                s.AddSingleton<INotifier>(sp =>
                {
                    race.Inner = ActivatorUtilities.CreateInstance<CompositeNotifier>(sp);
                    race.Scopes = sp.GetRequiredService<IServiceScopeFactory>();
                    return race;
                })
        );
        var key = Processes.NewKey("sla-race");
        await (await host.As("designer")).DeployOkAsync(
            SlaProcesses.TaskWithSla(key, "2WD", "1WD")
        );
        var id = await (await host.As("admin")).StartAsync(key, businessKey: $"BK-{key}");
        var clock = await SlaHost.TaskClockAsync(host, id);

        time.Now = clock.WarningAt!.Value.AddSeconds(1);
        await SlaHost.FireDueAsync(host, time, id);

        Assert.Equal(1, race.Raced); // the task did change under the first try
        Assert.Equal("yellow", (await SlaHost.TaskClockAsync(host, id)).Level);
        var task = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == id)
        );
        Assert.Equal("yellow", task.SlaLevel);
        var timer = await host.QueryAsync(db =>
            db.Timers.AsNoTracking().SingleAsync(t => t.InstanceId == id && t.Kind == "sla.yellow")
        );
        Assert.Equal(TimerStatuses.Fired, timer.Status);
        Assert.Equal(1, timer.Attempts);
        Assert.Null(timer.LastError);
        var notices = await SlaHost.NotificationsAsync(host, id);
        Assert.Contains(notices, n => n.Kind == "sla.yellow");
        Assert.Equal(
            notices.Count(n => n.Kind == "sla.yellow"),
            notices
                .Where(n => n.Kind == "sla.yellow")
                .Select(n => (n.Recipient, n.Channel))
                .Distinct()
                .Count()
        );
    }

    // Bumps the task's version from another unit of work the first time a yellow notice is queued: the handler's save,
    // which comes next, then meets a row changed since it read it (as with a clerk claiming the task at that instant).
    private sealed class RacingNotifier : INotifier
    {
        public INotifier Inner { get; set; } = null!;
        public IServiceScopeFactory Scopes { get; set; } = null!;
        public int Raced { get; private set; }

        public async Task NotifyAsync(
            WorkflowsDbContext db,
            NotificationMessage message,
            CancellationToken ct = default
        )
        {
            if (message.Kind == "sla.yellow" && Raced == 0 && message.TaskId is { } taskId)
            {
                Raced++;
                using var scope = Scopes.CreateScope();
                var other = scope.ServiceProvider.GetRequiredService<WorkflowsDbContext>();
                await other
                    .Tasks.Where(t => t.Id == taskId)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Version, t => t.Version + 1), ct);
            }
            await Inner.NotifyAsync(db, message, ct);
        }
    }
}
