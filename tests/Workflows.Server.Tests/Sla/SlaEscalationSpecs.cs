// The model-defined escalation path (wf:escalation) on red: assign to the section chief or a named user, or offer the
// task to another group; once per breach, in the red transition's unit of work, audited with before/after.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>wf:escalation through the real host on a settable clock, run per provider by the derived classes.</summary>
public abstract class SlaEscalationSpecs(HostFixture fixture)
{
    // Friday 2026-03-06 + 2WD: due Tuesday 03-10 at close of business (17:30 office time).
    private static readonly DateTimeOffset Start = SettableTime.Local(2026, 3, 6);
    private static readonly DateTimeOffset AfterDue = SettableTime.Local(2026, 3, 10, 17, 31);

    private async Task<(ServerHost Host, SettableTime Time, Guid Id, string TaskId)> StartAsync(
        string escalation,
        string? claimBy = "clerk.kjj"
    )
    {
        var time = new SettableTime(Start);
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("esc");
        await (await host.As("designer")).DeployOkAsync(
            SlaProcesses.TaskWithEscalation(key, "2WD", escalation)
        );
        var id = await (await host.As("admin")).StartAsync(key, businessKey: $"BK-{key}");
        var clerk = await host.As("clerk.kjj");
        var taskId = await clerk.TaskIdOfAsync(id);
        if (claimBy is not null)
            await ApiCalls.Expect(
                await (await host.As(claimBy)).PostAsync($"/api/tasks/{taskId}/claim", null),
                HttpStatusCode.OK
            );
        return (host, time, id, taskId);
    }

    private static async Task FireRedTwiceAsync(ServerHost host, SettableTime time, Guid id)
    {
        time.Now = AfterDue;
        // The host's recurring sweep may get there first (it runs on the same settable clock): either way it fires once.
        await SlaHost.FireDueAsync(host, time);
        // The same red row replayed (a second job, the sweep) and everything due a minute later: nothing more happens.
        var red = await host.QueryAsync(db =>
            db.Timers.AsNoTracking()
                .SingleAsync(t =>
                    t.InstanceId == id && t.Kind == "sla.red" && t.Status == TimerStatuses.Fired
                )
        );
        await host.QueryAsync(db =>
            db.Timers.Where(t => t.Id == red.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatuses.Pending))
        );
        time.Now = AfterDue.AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
    }

    private static Task<List<AuditEventEntity>> AuditAsync(
        ServerHost host,
        Guid id,
        string action
    ) =>
        host.QueryAsync(db =>
            db.AuditEvents.AsNoTracking()
                .Where(a => a.InstanceId == id && a.Action == action)
                .ToListAsync()
        );

    private static async Task<TaskEntity> TaskAsync(ServerHost host, string taskId) =>
        await host.QueryAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId));

    [ProviderFact]
    public async Task Assign_chief_hands_the_overdue_task_to_the_section_chief_once_keeping_the_previous_assignee_in_the_audit()
    {
        var (host, time, id, taskId) = await StartAsync("assign:chief");

        await FireRedTwiceAsync(host, time, id);

        var task = await TaskAsync(host, taskId);
        Assert.Equal("chief.kjj", task.Assignee);
        Assert.Equal("red", task.SlaLevel);
        var escalated = Assert.Single(await AuditAsync(host, id, "sla.escalated"));
        var data = JsonNode.Parse(escalated.DataJson!)!;
        Assert.Equal("assign:chief", (string?)data["escalation"]);
        Assert.Equal("clerk.kjj", (string?)data["before"]!["assignee"]);
        Assert.Equal("chief.kjj", (string?)data["after"]!["assignee"]);
        var assigned = Assert.Single(await AuditAsync(host, id, "task.assigned"));
        Assert.Equal("system", assigned.Actor);
        Assert.Contains("clerk.kjj", assigned.DataJson);
        // The breach stays on the record of the person who held the task when it became overdue.
        var record = Assert.Single(
            await host.QueryAsync(db =>
                db.SupervisionRecords.AsNoTracking().Where(s => s.InstanceId == id).ToListAsync()
            )
        );
        Assert.Equal("clerk.kjj", record.Responsible);

        var chief = await host.As("chief.kjj");
        var notices = (await chief.GetObjectAsync("/api/notifications?pageSize=200"))["items"]!
            .AsArray()
            .Where(n => n!["instanceId"]!.GetValue<Guid>() == id)
            .ToList();
        Assert.Single(notices, n => (string?)n!["kind"] == "sla.reassigned");
        Assert.Single(notices, n => (string?)n!["kind"] == "sla.escalation");
        var shown = await chief.GetObjectAsync($"/api/tasks/{taskId}");
        Assert.Equal("chief.kjj", (string?)shown["assignee"]);
        // The clerk who held it can no longer complete it: the chief holds it now.
        var clerk = await host.As("clerk.kjj");
        await ApiCalls.Expect(
            await clerk.PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { } }),
            HttpStatusCode.Conflict,
            HttpStatusCode.NotFound
        );
        await ApiCalls.Expect(
            await chief.PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { } }),
            HttpStatusCode.OK
        );
    }

    [ProviderFact]
    public async Task Group_escalation_offers_the_task_to_the_chief_group_and_unclaims_it()
    {
        var (host, time, id, taskId) = await StartAsync("group:bureau:kjj/chief");

        await FireRedTwiceAsync(host, time, id);

        var task = await TaskAsync(host, taskId);
        Assert.Null(task.Assignee);
        Assert.Equal("bureau:kjj/chief", task.CandidateGroups);
        var candidates = await host.QueryAsync(db =>
            db.TaskCandidates.AsNoTracking().Where(c => c.TaskId == taskId).ToListAsync()
        );
        var only = Assert.Single(candidates);
        Assert.Equal(("group", "bureau:kjj/chief"), (only.Kind, only.Value));
        var escalated = Assert.Single(await AuditAsync(host, id, "sla.escalated"));
        var data = JsonNode.Parse(escalated.DataJson!)!;
        Assert.Equal("clerk.kjj", (string?)data["before"]!["assignee"]);
        Assert.Equal("bureau:kjj/reviewer", (string?)data["before"]!["candidateGroups"]![0]);
        Assert.Null(data["after"]!["assignee"]);
        Assert.Equal("bureau:kjj/chief", (string?)data["after"]!["candidateGroups"]![0]);
        Assert.Single(await AuditAsync(host, id, "task.regrouped"));

        // The reviewer no longer sees it; the chief group's member finds it in their queue, claims and completes it.
        var clerk = await host.As("clerk.kjj");
        Assert.Empty(await clerk.TasksOfAsync(id));
        var chief = await host.As("chief.kjj");
        var offered = Assert.Single(await chief.TasksOfAsync(id));
        Assert.Null(offered!["assignee"]);
        var reassigned = (await chief.GetObjectAsync("/api/notifications?pageSize=200"))["items"]!
            .AsArray()
            .Where(n =>
                n!["instanceId"]!.GetValue<Guid>() == id && (string?)n!["kind"] == "sla.reassigned"
            );
        Assert.Single(reassigned);
        await ApiCalls.Expect(
            await chief.PostAsync($"/api/tasks/{taskId}/claim", null),
            HttpStatusCode.OK
        );
        await ApiCalls.Expect(
            await chief.PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables = new { } }),
            HttpStatusCode.OK
        );
    }

    [ProviderFact]
    public async Task Assign_to_a_named_user_takes_an_unclaimed_task_out_of_the_queue()
    {
        var (host, time, id, taskId) = await StartAsync("assign:chief.rsj", claimBy: null);

        await FireRedTwiceAsync(host, time, id);

        Assert.Equal("chief.rsj", (await TaskAsync(host, taskId)).Assignee);
        var data = JsonNode.Parse(
            Assert.Single(await AuditAsync(host, id, "sla.escalated")).DataJson!
        )!;
        Assert.Null(data["before"]!["assignee"]);
        Assert.Equal("chief.rsj", (string?)data["after"]!["assignee"]);
        var notices = await SlaHost.NotificationsAsync(host, id);
        var toUser = Assert.Single(
            notices,
            n => n.Kind == "sla.reassigned" && n.Channel == "inapp"
        );
        Assert.Equal("chief.rsj", toUser.Recipient);
        // The task is assigned, so its candidate rows no longer put it in the reviewers' claimable queue.
        var queue = (await (await host.As("clerk.kjj")).TasksOfAsync(id)).Where(t =>
            t!["assignee"] is null
        );
        Assert.Empty(queue);
    }

    [ProviderFact]
    public async Task Assign_to_an_unknown_user_leaves_the_task_where_it_was_and_still_escalates_by_notice()
    {
        var (host, time, id, taskId) = await StartAsync("assign:nobody.here");

        await FireRedTwiceAsync(host, time, id);

        Assert.Equal("clerk.kjj", (await TaskAsync(host, taskId)).Assignee);
        Assert.Empty(await AuditAsync(host, id, "sla.escalated"));
        Assert.Single(
            await SlaHost.NotificationsAsync(host, id),
            n => n.Kind == "sla.escalation" && n.Recipient == "chief.kjj" && n.Channel == "inapp"
        );
    }

    [ProviderFact]
    public async Task Notify_keeps_todays_behaviour_the_task_stays_with_its_assignee()
    {
        var (host, time, id, taskId) = await StartAsync("notify");

        await FireRedTwiceAsync(host, time, id);

        Assert.Equal("clerk.kjj", (await TaskAsync(host, taskId)).Assignee);
        Assert.Empty(await AuditAsync(host, id, "sla.escalated"));
        Assert.Single(
            await host.QueryAsync(db =>
                db.SupervisionRecords.AsNoTracking().Where(s => s.InstanceId == id).ToListAsync()
            )
        );
        Assert.DoesNotContain(
            await SlaHost.NotificationsAsync(host, id),
            n => n.Kind == "sla.reassigned"
        );
    }

    [ProviderFact]
    public async Task Deploy_rejects_an_escalation_group_missing_from_the_directory_naming_the_task()
    {
        var host = await SlaHost.StartAsync(fixture, new SettableTime(Start));
        var designer = await host.As("designer");

        var response = await designer.DeployAsync(
            SlaProcesses.TaskWithEscalation(
                Processes.NewKey("esc"),
                "2WD",
                "group:bureau:kjj/nobody"
            )
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        var error = Assert.Single(errors, e => (string?)e!["elementId"] == "review")!;
        Assert.Contains("bureau:kjj/nobody", (string?)error["message"]);
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class SlaEscalationOnSqlite(SqliteFixture fixture)
    : SlaEscalationSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class SlaEscalationOnPostgres(PostgresFixture fixture)
    : SlaEscalationSpecs(fixture),
        IClassFixture<PostgresFixture>;
