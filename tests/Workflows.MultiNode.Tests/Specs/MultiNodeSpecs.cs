// Two real server processes on one PostgreSQL database: timers fire once, tasks are seen everywhere at once, concurrent
// commands on one instance serialize, and the outbox is dispatched once.
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.MultiNode.Tests.Infrastructure;

namespace Workflows.MultiNode.Tests.Specs;

/// <summary>Multi-node correctness on a shared database.</summary>
public sealed class MultiNodeSpecs(ClusterFixture fixture, ITestOutputHelper output)
    : IClassFixture<ClusterFixture>
{
    private Cluster Cluster => fixture.Cluster!;

    [PostgresFact]
    public async Task Timers_started_through_both_nodes_each_fire_exactly_once()
    {
        const int perNode = 20;
        var key = Bpmn.NewKey("mn-timer");
        using var adminA = await fixture.A.As("admin");
        using var adminB = await fixture.B.As("admin");
        await adminA.DeployAsync(Bpmn.Timer(key, "PT3S"));

        var clock = Stopwatch.StartNew();
        var startsA = StartManyAsync(adminA, key, perNode);
        var startsB = StartManyAsync(adminB, key, perNode);
        var ids = (await startsA).Concat(await startsB).ToList();
        var startSeconds = clock.Elapsed.TotalSeconds;

        var completed = await Api.EventuallyAsync(
            () =>
                Cluster.QueryAsync(db =>
                    db.Instances.CountAsync(i => i.DefinitionKey == key && i.Status == "Completed")
                ),
            n => n == ids.Count,
            $"{ids.Count} timer instances completing",
            seconds: 75
        );
        var timers = await Cluster.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value))
                .ToListAsync()
        );
        var firings = await Cluster.QueryAsync(db =>
            db.AuditEvents.CountAsync(e =>
                e.Action == "timer.fired"
                && e.InstanceId != null
                && ids.Contains(e.InstanceId.Value)
            )
        );

        Assert.Equal(ids.Count, completed);
        Assert.Equal(ids.Count, timers.Count);
        Assert.All(timers, t => Assert.Equal((TimerStatuses.Fired, 1), (t.Status, t.Attempts)));
        Assert.Equal(ids.Count, firings);
        var lateness = timers
            .Select(t => (t.FiredAt!.Value - t.DueAt).TotalSeconds)
            .Order()
            .ToList();
        Report(
            $"timers: {ids.Count} instances started through A and B ({ids.Count / startSeconds:F1} starts/s), {firings} firings, duplicate firings = {firings - ids.Count}; lateness median {lateness[lateness.Count / 2]:F2} s, max {lateness[^1]:F2} s"
        );
    }

    [PostgresFact]
    public async Task A_task_completed_on_one_node_is_completed_on_the_other_at_once_and_cannot_be_completed_twice()
    {
        var key = Bpmn.NewKey("mn-task");
        using var admin = await fixture.A.As("admin");
        await admin.DeployAsync(Bpmn.UserTask(key));
        var id = await admin.StartAsync(key);
        var taskId = await Cluster.QueryAsync(db =>
            db.Tasks.Where(t => t.InstanceId == id).Select(t => t.Id).SingleAsync()
        );
        // A token issued by node A is accepted by node B: the data-protection keys live in the database.
        var token = await fixture.A.LoginAsync("clerk.kjj");
        using var clerkA = fixture.A.WithToken(token);
        using var clerkB = fixture.B.WithToken(token);
        Assert.Equal(
            "Open",
            (string?)(await clerkB.GetObjectAsync($"/api/tasks/{taskId}"))["status"]
        );

        await Api.ExpectAsync(
            await clerkA.CompleteAsync(taskId),
            HttpStatusCode.OK,
            HttpStatusCode.NoContent
        );

        Assert.Equal(
            "Completed",
            (string?)(await clerkB.GetObjectAsync($"/api/tasks/{taskId}"))["status"]
        );
        Assert.Equal(
            "Completed",
            (string?)(await clerkB.GetObjectAsync($"/api/instances/{id}"))["status"]
        );
        Assert.Equal(HttpStatusCode.Conflict, (await clerkB.CompleteAsync(taskId)).StatusCode);
    }

    [PostgresFact]
    public async Task Twenty_tasks_of_one_instance_completed_concurrently_through_both_nodes_all_succeed_and_the_instance_completes()
    {
        const int branches = 20;
        var key = Bpmn.NewKey("mn-par");
        using var admin = await fixture.A.As("admin");
        await admin.DeployAsync(Bpmn.ParallelTasks(key, branches));
        var id = await admin.StartAsync(key);
        var taskIds = await Cluster.QueryAsync(db =>
            db.Tasks.Where(t => t.InstanceId == id && t.Status == TaskStatuses.Open)
                .Select(t => t.Id)
                .ToListAsync()
        );
        Assert.Equal(branches, taskIds.Count);
        using var clerkA = await fixture.A.As("clerk.kjj");
        using var clerkB = await fixture.B.As("clerk.kjj");
        var conflictsBefore =
            await Metrics.SumAsync(fixture.A, "workflows_concurrency_conflicts_total")
            + await Metrics.SumAsync(fixture.B, "workflows_concurrency_conflicts_total");

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(
            taskIds.Select((t, i) => (i % 2 == 0 ? clerkA : clerkB).CompleteAsync(t))
        );
        var seconds = clock.Elapsed.TotalSeconds;

        var failures = responses
            .Where(r => !r.IsSuccessStatusCode)
            .Select(r => $"{(int)r.StatusCode} {r.Content.ReadAsStringAsync().Result}")
            .ToList();
        Assert.Empty(failures);
        var tasks = await Cluster.QueryAsync(db =>
            db.Tasks.AsNoTracking().Where(t => t.InstanceId == id).ToListAsync()
        );
        Assert.All(tasks, t => Assert.Equal(TaskStatuses.Completed, t.Status));
        Assert.Equal(
            "Completed",
            await Cluster.QueryAsync(db =>
                db.Instances.Where(i => i.Id == id).Select(i => i.Status).SingleAsync()
            )
        );
        var conflicts =
            await Metrics.SumAsync(fixture.A, "workflows_concurrency_conflicts_total")
            + await Metrics.SumAsync(fixture.B, "workflows_concurrency_conflicts_total")
            - conflictsBefore;
        Report(
            $"contention: {branches} completions of one instance, half through A and half through B at once, in {seconds:F2} s ({branches / seconds:F1} commands/s); {conflicts} optimistic-concurrency conflicts absorbed by retries, 0 lost"
        );
    }

    [PostgresFact]
    public async Task Call_activities_started_through_both_nodes_start_one_child_each_and_every_outbox_row_is_dispatched_once()
    {
        const int perNode = 10;
        var child = Bpmn.NewKey("mn-child");
        var parent = Bpmn.NewKey("mn-parent");
        using var adminA = await fixture.A.As("admin");
        using var adminB = await fixture.B.As("admin");
        await adminA.DeployAsync(Bpmn.Empty(child));
        await adminA.DeployAsync(Bpmn.CallActivity(parent, child));

        var ids = (await StartManyAsync(adminA, parent, perNode))
            .Concat(await StartManyAsync(adminB, parent, perNode))
            .ToList();

        await Api.EventuallyAsync(
            () =>
                Cluster.QueryAsync(db =>
                    db.Instances.CountAsync(i =>
                        i.DefinitionKey == parent && i.Status == "Completed"
                    )
                ),
            n => n == ids.Count,
            $"{ids.Count} parents completing",
            seconds: 60
        );
        var children = await Cluster.QueryAsync(db =>
            db.Instances.AsNoTracking()
                .Where(i => i.ParentInstanceId != null && ids.Contains(i.ParentInstanceId.Value))
                .ToListAsync()
        );
        var childIds = children.Select(c => c.Id).ToList();
        var outbox = await Cluster.QueryAsync(db =>
            db.Outbox.AsNoTracking()
                .Where(o =>
                    o.InstanceId != null
                    && (ids.Contains(o.InstanceId.Value) || childIds.Contains(o.InstanceId.Value))
                )
                .ToListAsync()
        );

        Assert.Equal(ids.Order(), children.Select(c => c.ParentInstanceId!.Value).Order());
        Assert.All(children, c => Assert.Equal("Completed", c.Status));
        Assert.Equal(2 * ids.Count, outbox.Count); // one child.start per parent, one parent.notify per child
        Assert.All(outbox, o => Assert.Equal((true, 1), (o.DispatchedAt is not null, o.Attempts)));
        Report(
            $"outbox: {ids.Count} parents through A and B, {children.Count} children, {outbox.Count} outbox rows each dispatched once (attempts = 1)"
        );
    }

    [PostgresFact]
    public async Task A_logout_on_one_node_ends_the_session_on_the_other_within_the_interval_and_no_other_session()
    {
        var token = await fixture.A.LoginAsync("clerk.kjj");
        using var onA = fixture.A.WithToken(token);
        using var onB = fixture.B.WithToken(token);
        // Node B reads the session as not ended, and trusts that for up to 30 s.
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/auth/me")).StatusCode);

        await Api.ExpectAsync(
            await onA.PostAsync("/api/auth/logout", null),
            HttpStatusCode.NoContent
        );

        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.GetAsync("/api/auth/me")).StatusCode);
        var clock = Stopwatch.StartNew();
        await Api.EventuallyAsync(
            async () => (await onB.GetAsync("/api/auth/me")).StatusCode,
            s => s == HttpStatusCode.Unauthorized,
            "node B refusing the ended session",
            seconds: 60
        );
        Report(
            $"logout on A: refused on A at once, on B after {clock.Elapsed.TotalSeconds:F1} s (interval 30 s)"
        );
        using var otherSession = await fixture.B.As("clerk.kjj");
        Assert.Equal(HttpStatusCode.OK, (await otherSession.GetAsync("/api/auth/me")).StatusCode);
    }

    [PostgresFact]
    public async Task Metrics_endpoint_reports_commands_and_timers_of_the_node()
    {
        using var anonymous = fixture.A.Anonymous();
        using var admin = await fixture.A.As("admin");
        var key = Bpmn.NewKey("mn-metric");
        await admin.DeployAsync(Bpmn.Empty(key));
        await admin.StartAsync(key);

        var text = await anonymous.GetStringAsync("/metrics");

        Assert.Contains("workflows_instances_started_total", text, StringComparison.Ordinal);
        Assert.Contains("workflows_instances_completed_total", text, StringComparison.Ordinal);
        Assert.Contains("workflows_outbox_backlog", text, StringComparison.Ordinal);
        Assert.True(await Metrics.SumAsync(fixture.A, "workflows_instances_started_total") >= 1);
    }

    private async Task<List<Guid>> StartManyAsync(HttpClient client, string key, int count)
    {
        var ids = new List<Guid>();
        using var gate = new SemaphoreSlim(4);
        var started = await Task.WhenAll(
            Enumerable
                .Range(0, count)
                .Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        return await client.StartAsync(key, $"{key}-{Guid.NewGuid():N}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                })
        );
        ids.AddRange(started);
        return ids;
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Figures.Add(line);
    }
}
