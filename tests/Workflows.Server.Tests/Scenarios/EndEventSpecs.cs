// An ended case says through which end event it ended: a refusal ends through a terminate end event, so its status is
// the same "Terminated" as a cancellation's, and only the end event (不予许可 / Rejected) tells them apart.
using System.Net;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>The <c>endEvent</c> of <c>GET /api/instances/{id}</c>, run once per database provider.</summary>
public abstract class EndEventSpecs(HostFixture fixture)
{
    // start → fork: (a) a notice branch that ends at once; (b) review → approved? → 办结 (none end) | 不予许可 (terminate end).
    private static string Process(string key) =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:endEvent id="EndEvent_Notice" name="已告知" wf:nameEn="Notified"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}"/>
            <bpmn:exclusiveGateway id="decision" default="toRejected"/>
            <bpmn:endEvent id="EndEvent_Done" name="办结" wf:nameEn="Completed"/>
            <bpmn:endEvent id="EndEvent_Rejected" name="不予许可" wf:nameEn="Rejected"><bpmn:terminateEventDefinition/></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="EndEvent_Notice"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="review"/>
            <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="decision"/>
            <bpmn:sequenceFlow id="toDone" sourceRef="decision" targetRef="EndEvent_Done"><bpmn:conditionExpression>${approved == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="toRejected" sourceRef="decision" targetRef="EndEvent_Rejected"/>
            """
        );

    private async Task<(ServerHost Host, string Key)> DeployAsync()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("ends");
        await (await host.As("designer")).DeployOkAsync(Process(key));
        return (host, key);
    }

    private static async Task<JsonObject> DecideAsync(ServerHost host, string key, bool approved)
    {
        var window = await host.As("clerk.window");
        var clerk = await host.As("clerk.kjj");
        var id = await window.StartAsync(key, $"END-{approved}");
        var running = await window.InstanceAsync(id);
        Assert.Equal("Running", (string?)running["status"]);
        Assert.Null(running["endEvent"]);
        await ApiCalls.Expect(
            await clerk.PostJsonAsync(
                $"/api/tasks/{await clerk.TaskIdOfAsync(id)}/complete",
                new { variables = new { approved } }
            ),
            HttpStatusCode.OK
        );
        return await window.WaitForStatusAsync(id, approved ? "Completed" : "Terminated");
    }

    [ProviderFact]
    public async Task A_completed_case_names_the_end_event_it_reached_last()
    {
        var (host, key) = await DeployAsync();

        var ended = await DecideAsync(host, key, approved: true);

        var end = ended["endEvent"]!;
        Assert.Equal(
            ("EndEvent_Done", "办结", "Completed", "none"),
            ((string?)end["id"], (string?)end["name"], (string?)end["nameEn"], (string?)end["kind"])
        );
    }

    [ProviderFact]
    public async Task A_refused_case_is_terminated_through_its_rejection_end_event()
    {
        var (host, key) = await DeployAsync();

        var ended = await DecideAsync(host, key, approved: false);

        var end = ended["endEvent"]!;
        Assert.Equal(
            ("EndEvent_Rejected", "不予许可", "Rejected", "terminate"),
            ((string?)end["id"], (string?)end["name"], (string?)end["nameEn"], (string?)end["kind"])
        );
    }

    [ProviderFact]
    public async Task A_cancelled_case_names_no_end_event_although_a_branch_ended_before()
    {
        var (host, key) = await DeployAsync();
        var window = await host.As("clerk.window");
        var id = await window.StartAsync(key, "END-CANCEL");
        Assert.Contains(
            "EndEvent_Notice",
            (await window.InstanceAsync(id))["completedElementIds"]!
                .AsArray()
                .Select(e => (string?)e)
        );

        await ApiCalls.Expect(
            await (await host.As("admin")).PostJsonAsync(
                $"/api/instances/{id}/cancel",
                new { reason = "withdrawn" }
            ),
            HttpStatusCode.OK
        );

        var cancelled = await window.InstanceAsync(id);
        Assert.Equal("Terminated", (string?)cancelled["status"]);
        Assert.True(cancelled.ContainsKey("endEvent"));
        Assert.Null(cancelled["endEvent"]);
    }
}

/// <summary>End events on a SQLite file.</summary>
public sealed class EndEventsOnSqlite(SqliteFixture fixture)
    : EndEventSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>End events on PostgreSQL.</summary>
[Postgres]
public sealed class EndEventsOnPostgres(PostgresFixture fixture)
    : EndEventSpecs(fixture),
        IClassFixture<PostgresFixture>;
