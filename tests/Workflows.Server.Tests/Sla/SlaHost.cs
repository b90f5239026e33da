// Starting a host on a settable clock, and firing the SLA timer rows that are due on that clock, as the jobs would.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>Helpers of the SLA scenarios.</summary>
public static class SlaHost
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<
        HostFixture,
        ServerHost
    > Running = new();

    /// <summary>
    /// A host whose TimeProvider is <paramref name="time"/>. Its outbox is not dispatched to Hangfire (whose wall clock is
    /// not the test's): the scenario fires due rows itself with <see cref="FireDueAsync"/>, through the real TimerJob.
    /// </summary>
    public static async Task<ServerHost> StartAsync(
        HostFixture fixture,
        SettableTime time,
        Action<IServiceCollection>? services = null
    )
    {
        // One settable-clock host per database at a time: an earlier scenario's host left running would fire this
        // scenario's rows on its own clock (any node's timer job or sweep fires every due row of the shared database).
        if (Running.TryGetValue(fixture, out var previous))
            await previous.DisposeAsync();
        var host = await fixture.StartAsync(Options(time, services));
        Running.AddOrUpdate(fixture, host);
        host.Services.GetRequiredService<DispatchGate>().Enabled = false;
        return host;
    }

    /// <summary>Host options whose TimeProvider is <paramref name="time"/> (close the host's DispatchGate after starting it).</summary>
    public static HostOptions Options(
        SettableTime time,
        Action<IServiceCollection>? services = null
    ) =>
        new(Services: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            // Sign-in tokens are issued on the settable clock too: let them outlive the days the scenarios jump over.
            s.PostConfigureAll<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(
                o => o.BearerTokenExpiration = TimeSpan.FromDays(3650)
            );
            services?.Invoke(s);
        });

    /// <summary>
    /// Fires (through TimerJob) every pending SLA timer row due at the settable now, earliest first; returns how many fired.
    /// With <paramref name="instanceId"/>, only that instance's rows (a host shared by many cases).
    /// </summary>
    public static async Task<int> FireDueAsync(
        ServerHost host,
        SettableTime time,
        Guid? instanceId = null
    )
    {
        var now = time.GetUtcNow();
        var fired = 0;
        for (var round = 0; round < 5; round++)
        {
            var due = await host.QueryAsync(db =>
                db.Timers.AsNoTracking()
                    .Where(t =>
                        t.Status == TimerStatuses.Pending
                        && t.Kind.StartsWith("sla.")
                        && (instanceId == null || t.InstanceId == instanceId)
                    )
                    .ToListAsync()
            );
            var ids = due.Where(t => t.DueAt <= now)
                .OrderBy(t => t.DueAt)
                .Select(t => t.Id)
                .ToList();
            if (ids.Count == 0)
                break;
            var job = host.Services.GetRequiredService<TimerJob>();
            foreach (var id in ids)
                if (await job.FireAsync(id))
                    fired++;
        }
        return fired;
    }

    /// <summary>The clock rows of an instance.</summary>
    public static Task<List<SlaClockEntity>> ClocksAsync(ServerHost host, Guid instanceId) =>
        host.QueryAsync(db =>
            db.SlaClocks.AsNoTracking().Where(c => c.InstanceId == instanceId).ToListAsync()
        );

    /// <summary>The single task clock of an instance.</summary>
    public static async Task<SlaClockEntity> TaskClockAsync(ServerHost host, Guid instanceId) =>
        Assert.Single(await ClocksAsync(host, instanceId), c => c.Kind == "task");

    /// <summary>Notification rows of an instance.</summary>
    public static Task<List<NotificationEntity>> NotificationsAsync(
        ServerHost host,
        Guid instanceId
    ) =>
        host.QueryAsync(db =>
            db.Notifications.AsNoTracking().Where(n => n.InstanceId == instanceId).ToListAsync()
        );
}
