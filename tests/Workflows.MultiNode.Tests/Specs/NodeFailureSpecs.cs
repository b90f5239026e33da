// Killing a node (SIGKILL) in the middle of a load loses nothing: the other node fires its timers and dispatches its outbox.
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.MultiNode.Tests.Infrastructure;

namespace Workflows.MultiNode.Tests.Specs;

/// <summary>A node dies; the survivor finishes its work.</summary>
public sealed class NodeFailureSpecs(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task When_a_node_is_killed_under_load_the_other_node_completes_every_instance_it_accepted()
    {
        await using var cluster = new Cluster();
        await cluster.StartAsync(2);
        var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
        var key = Bpmn.NewKey("mn-kill");
        using var adminA = await a.As("admin");
        using var adminB = await b.As("admin");
        await adminB.DeployAsync(Bpmn.Timer(key, "PT4S"));

        // Load on both nodes; A is killed while its requests are in flight. Only acknowledged starts are promised.
        var accepted = new ConcurrentBag<Guid>();
        var acceptedByA = 0;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        async Task LoadAsync(HttpClient client, bool isA)
        {
            for (var i = 0; i < 60 && !stop.IsCancellationRequested; i++)
            {
                try
                {
                    accepted.Add(await client.StartAsync(key));
                    if (isA)
                        Interlocked.Increment(ref acceptedByA);
                }
                catch (Exception ex)
                    when (isA && ex is HttpRequestException or TaskCanceledException)
                {
                    return; // node A is gone
                }
            }
        }
        var loadA = Enumerable.Range(0, 3).Select(_ => LoadAsync(adminA, isA: true)).ToList();
        var loadB = Enumerable.Range(0, 2).Select(_ => LoadAsync(adminB, isA: false)).ToList();
        await Api.EventuallyAsync(
            () => Task.FromResult(Volatile.Read(ref acceptedByA)),
            n => n >= 15,
            "node A accepting 15 starts",
            seconds: 60
        );
        a.Kill();
        var killedAt = clock.Elapsed.TotalSeconds;
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(loadA.Concat(loadB));

        // Everything committed (acknowledged or not) must finish: B fires A's timers (Hangfire's shared storage, or the sweep
        // once A's outbox leases expire).
        var total = await cluster.QueryAsync(db =>
            db.Instances.CountAsync(i => i.DefinitionKey == key)
        );
        var completed = await Api.EventuallyAsync(
            () =>
                cluster.QueryAsync(db =>
                    db.Instances.CountAsync(i => i.DefinitionKey == key && i.Status == "Completed")
                ),
            n => n == total,
            $"all {total} instances completing on node B",
            seconds: 85
        );
        var ids = accepted.ToList();
        var acknowledgedCompleted = await cluster.QueryAsync(db =>
            db.Instances.CountAsync(i => ids.Contains(i.Id) && i.Status == "Completed")
        );
        var timers = await cluster.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t =>
                    t.Kind == "bpmn"
                    && db.Instances.Any(i => i.Id == t.InstanceId && i.DefinitionKey == key)
                )
                .ToListAsync()
        );
        var firings = await cluster.QueryAsync(db =>
            db.AuditEvents.CountAsync(e =>
                e.Action == "timer.fired"
                && db.Instances.Any(i => i.Id == e.InstanceId && i.DefinitionKey == key)
            )
        );
        var recoverySeconds = clock.Elapsed.TotalSeconds - killedAt;

        Assert.False(a.Running);
        Assert.True(b.Running, b.RecentOutput);
        Assert.Equal(total, completed);
        Assert.Equal(ids.Count, acknowledgedCompleted);
        Assert.Equal(total, timers.Count);
        Assert.All(timers, t => Assert.Equal(TimerStatuses.Fired, t.Status));
        Assert.Equal(total, firings);
        var line =
            $"node failure: A killed (SIGKILL) after accepting {acceptedByA} starts; {total} instances committed ({ids.Count} acknowledged), all completed by B within {recoverySeconds:F0} s of the kill; duplicate firings = {firings - total}";
        output.WriteLine(line);
        Figures.Add(line);
    }
}
