// The server binary's operator commands: migrate, and check [--repair] against a database made inconsistent on purpose.
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.MultiNode.Tests.Infrastructure;

namespace Workflows.MultiNode.Tests.Specs;

/// <summary>CLI mode of Workflows.Server.</summary>
public sealed class CliSpecs
{
    [PostgresFact]
    public async Task Migrate_creates_the_database_applies_every_migration_and_exits_0()
    {
        await using var cluster = new Cluster();

        var (exit, text) = await ServerNode.RunCommandAsync(cluster.Environment, "migrate");

        Assert.True(exit == 0, text);
        Assert.Contains("Database migrated", text, StringComparison.Ordinal);
        var pending = await cluster.QueryAsync(async db =>
            (await db.Database.GetPendingMigrationsAsync()).Count()
        );
        var applied = await cluster.QueryAsync(async db =>
            (await db.Database.GetAppliedMigrationsAsync()).Count()
        );
        Assert.Equal(0, pending);
        Assert.True(applied > 0);
    }

    [PostgresFact]
    public async Task Check_reports_a_missing_timer_row_and_an_orphan_task_and_repair_fixes_both()
    {
        await using var cluster = new Cluster();
        await cluster.StartAsync(1);
        var node = cluster.Nodes[0];
        using var admin = await node.As("admin");
        var timerKey = Bpmn.NewKey("cli-timer");
        var taskKey = Bpmn.NewKey("cli-task");
        await admin.DeployAsync(Bpmn.Timer(timerKey, "PT1H"));
        await admin.DeployAsync(Bpmn.UserTask(taskKey));
        var waiting = await admin.StartAsync(timerKey);
        var cancelled = await admin.StartAsync(taskKey);
        await Api.ExpectAsync(
            await admin.PostAsync(
                $"/api/instances/{cancelled}/cancel",
                new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
            ),
            System.Net.HttpStatusCode.OK,
            System.Net.HttpStatusCode.NoContent
        );
        Assert.Equal(0, (await RunCheckAsync(cluster, false)).Exit);

        // Break it: the timer row of a waiting instance disappears, and a task of a cancelled instance is Open again.
        var timerId = await cluster.QueryAsync(db =>
            db.Timers.Where(t => t.InstanceId == waiting).Select(t => t.Id).SingleAsync()
        );
        var taskId = await cluster.QueryAsync(db =>
            db.Tasks.Where(t => t.InstanceId == cancelled).Select(t => t.Id).SingleAsync()
        );
        await cluster.ExecuteAsync($"DELETE FROM \"Timers\" WHERE \"InstanceId\" = '{waiting}'");
        await cluster.ExecuteAsync(
            $"UPDATE \"Tasks\" SET \"Status\" = 'Open' WHERE \"InstanceId\" = '{cancelled}'"
        );

        var found = await RunCheckAsync(cluster, false);
        var repaired = await RunCheckAsync(cluster, true);
        var after = await RunCheckAsync(cluster, false);

        Assert.Equal(1, found.Exit);
        Assert.Contains(
            $"missing-timer instance={waiting} item={timerId}",
            found.Text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"orphan-task instance={cancelled} item={taskId}",
            found.Text,
            StringComparison.Ordinal
        );
        Assert.Contains("INCONSISTENT", found.Text, StringComparison.Ordinal);
        Assert.Equal(0, repaired.Exit);
        Assert.Contains("REPAIRED missing-timer", repaired.Text, StringComparison.Ordinal);
        Assert.Contains("REPAIRED orphan-task", repaired.Text, StringComparison.Ordinal);
        Assert.True(after.Exit == 0, after.Text);
        Assert.Equal(
            TimerStatuses.Pending,
            await cluster.QueryAsync(db =>
                db.Timers.Where(t => t.Id == timerId).Select(t => t.Status).SingleAsync()
            )
        );
        Assert.Equal(
            TaskStatuses.Cancelled,
            await cluster.QueryAsync(db =>
                db.Tasks.Where(t => t.Id == taskId).Select(t => t.Status).SingleAsync()
            )
        );
        Assert.Equal(
            2,
            await cluster.QueryAsync(db =>
                db.AuditEvents.CountAsync(e => e.Action == "consistency.repaired")
            )
        );
    }

    private static async Task<(int Exit, string Text)> RunCheckAsync(
        Cluster cluster,
        bool repair
    ) =>
        repair
            ? await ServerNode.RunCommandAsync(cluster.Environment, "check", "--repair")
            : await ServerNode.RunCommandAsync(cluster.Environment, "check");
}
