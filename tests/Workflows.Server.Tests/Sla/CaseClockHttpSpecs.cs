// The case clock driven only through the HTTP API on a settable clock: started on acceptance, paused by a supplement
// and by an expert review (reasons recorded), resumed with the paused working days added back, yellow, red, stopped;
// the due date every reader is shown is the clock's.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>Case clock scenarios through the real host (SQLite) and its HTTP API only.</summary>
public sealed class CaseClockHttpSpecs(SqliteFixture fixture) : IClassFixture<SqliteFixture>
{
    private static DateTimeOffset At(int month, int day, int hour = 10, int minute = 0) =>
        SettableTime.Local(2026, month, day, hour, minute);

    private static DateTimeOffset CloseOf(int month, int day) => At(month, day, 17, 30);

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        await ApiCalls.Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string> OpenTaskAsync(HttpClient client, Guid id, string elementId) =>
        (string)
            (await client.TasksOfAsync(id)).Single(t =>
                (string?)t!["elementId"] == elementId && (string?)t["status"] == "Open"
            )!["id"]!;

    private static async Task CompleteAsync(HttpClient client, string taskId)
    {
        await ApiCalls.Expect(
            await client.PostAsync($"/api/tasks/{taskId}/claim", null),
            HttpStatusCode.OK
        );
        await ApiCalls.Expect(
            await client.PostJsonAsync(
                $"/api/tasks/{taskId}/complete",
                new { variables = new { } }
            ),
            HttpStatusCode.OK
        );
    }

    private static async Task<JsonObject> CaseClockAsync(HttpClient client, Guid id) =>
        (JsonObject)
            (await client.GetArrayAsync($"/api/instances/{id}/clocks")).Single(c =>
                (string?)c!["kind"] == "case"
            )!;

    private static async Task<JsonObject?> DashboardRowAsync(
        HttpClient supervisor,
        Guid id,
        string query
    ) =>
        (await supervisor.GetObjectAsync($"/api/sla/cases?kind=case&pageSize=200{query}"))["items"]!
            .AsArray()
            .SingleOrDefault(r => r!["instanceId"]!.GetValue<Guid>() == id) as JsonObject;

    private static DateTimeOffset Due(JsonNode node) => node["dueAt"]!.GetValue<DateTimeOffset>();

    [Fact]
    public async Task Case_clock_starts_on_acceptance_pauses_for_a_supplement_and_an_expert_review_and_stops_at_issue()
    {
        var time = new SettableTime(At(3, 2));
        var host = await SlaHost.StartAsync(fixture, time);
        var key = Processes.NewKey("caseclock");
        await (await host.As("designer")).DeployOkAsync(CaseClockProcess.Xml(key));
        var applicant = await host.As("applicant.demo");
        var window = await host.As("clerk.window");
        var clerk = await host.As("clerk.kjj");
        var chief = await host.As("chief.kjj");
        var supervisor = await host.As("supervisor");

        // Submitted Monday: no case clock until the case is accepted.
        var id = await applicant.StartAsync(key, businessKey: $"BK-{key}");
        Assert.Empty(await applicant.GetArrayAsync($"/api/instances/{id}/clocks"));

        // Accepted Tuesday 03-03: 10WD, the start day not counted → Tuesday 03-17 at close.
        time.Now = At(3, 3);
        await CompleteAsync(window, await OpenTaskAsync(window, id, "accept"));
        var started = await CaseClockAsync(applicant, id);
        Assert.Equal(At(3, 3), started["startedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(CloseOf(3, 17), Due(started));
        Assert.Equal("running", (string?)started["status"]);
        Assert.Equal(CloseOf(3, 17), Due((await DashboardRowAsync(supervisor, id, ""))!));
        Assert.Equal("green", (string?)(await DashboardRowAsync(supervisor, id, ""))!["level"]);

        // Wednesday 03-04 the reviewer asks for a supplement: the case clock (and the step's) pause.
        time.Now = At(3, 4);
        var review = await OpenTaskAsync(clerk, id, "review");
        await ApiCalls.Expect(
            await clerk.PostAsync($"/api/tasks/{review}/claim", null),
            HttpStatusCode.OK
        );
        var notice = await OkAsync(
            await clerk.PostJsonAsync(
                $"/api/tasks/{review}/supplement",
                new { items = new object[] { new { key = "degree" } } }
            )
        );
        var paused = await CaseClockAsync(applicant, id);
        Assert.Equal("paused", (string?)paused["status"]);
        Assert.Equal("supplement", (string?)paused["pauses"]![0]!["reason"]);
        Assert.Null(await DashboardRowAsync(supervisor, id, "&level=yellow"));

        // The applicant answers Monday 03-09: paused working days 03-05, 03-06, 03-09 = 3 → due Friday 03-20.
        time.Now = At(3, 9);
        await OkAsync(
            await applicant.PostJsonAsync(
                $"/api/instances/{id}/supplements/{notice["id"]}/answer",
                new { variables = new { note = "学位证书已补交 degree submitted" } }
            )
        );
        var resumed = await CaseClockAsync(applicant, id);
        Assert.Equal("running", (string?)resumed["status"]);
        Assert.Equal(CloseOf(3, 20), Due(resumed));
        Assert.Equal(3, resumed["pausedWorkingDays"]!.GetValue<int>());
        // The clerk's step due date is the step clock's: 3WD from 03-03 (03-06) plus the same 3 paused days → 03-11.
        var reviewClock = (await applicant.GetArrayAsync($"/api/instances/{id}/clocks")).Single(c =>
            (string?)c!["kind"] == "task" && (string?)c["elementId"] == "review"
        )!;
        var reviewTask = await clerk.GetObjectAsync($"/api/tasks/{review}");
        Assert.Equal(CloseOf(3, 11), Due(reviewClock));
        Assert.Equal(Due(reviewClock), Due(reviewTask));

        // Review done Tuesday 03-10: the expert review (专家评审) pauses the case clock until Monday 03-16.
        time.Now = At(3, 10);
        await ApiCalls.Expect(
            await clerk.PostJsonAsync($"/api/tasks/{review}/complete", new { variables = new { } }),
            HttpStatusCode.OK
        );
        var inExpertReview = await CaseClockAsync(applicant, id);
        Assert.Equal("paused", (string?)inExpertReview["status"]);
        Assert.Contains("专家评审", (string?)inExpertReview["pauses"]![1]!["reason"]);
        time.Now = At(3, 16);
        await CompleteAsync(clerk, await OpenTaskAsync(clerk, id, "expert"));

        // Paused 03-11, 03-12, 03-13, 03-16 = 4 more → due Thursday 03-26; 7 paused working days in all.
        var afterExpert = await CaseClockAsync(applicant, id);
        Assert.Equal("running", (string?)afterExpert["status"]);
        Assert.Equal(CloseOf(3, 26), Due(afterExpert));
        Assert.Equal(7, afterExpert["pausedWorkingDays"]!.GetValue<int>());
        Assert.Equal(Due(afterExpert), Due((await DashboardRowAsync(supervisor, id, ""))!));
        var pauses = afterExpert["pauses"]!.AsArray();
        Assert.Equal(2, pauses.Count);
        Assert.Equal(At(3, 4), pauses[0]!["pausedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(At(3, 9), pauses[0]!["resumedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(At(3, 10), pauses[1]!["pausedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(At(3, 16), pauses[1]!["resumedAt"]!.GetValue<DateTimeOffset>());

        // Yellow 2WD before due (Tuesday 03-24 at close), red after the due moment.
        time.Now = CloseOf(3, 24).AddMinutes(-1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("green", (string?)(await CaseClockAsync(applicant, id))["level"]);
        time.Now = CloseOf(3, 24).AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("yellow", (string?)(await CaseClockAsync(applicant, id))["level"]);
        Assert.NotNull(await DashboardRowAsync(supervisor, id, "&level=yellow"));
        time.Now = CloseOf(3, 26).AddMinutes(1);
        await SlaHost.FireDueAsync(host, time);
        Assert.Equal("red", (string?)(await CaseClockAsync(applicant, id))["level"]);
        var red = (await DashboardRowAsync(supervisor, id, "&level=red"))!;
        Assert.Equal(CloseOf(3, 26), Due(red));
        Assert.True(red["workingDaysLeft"]!.GetValue<int>() <= 0);

        // Decided Friday 03-27: the issue step stops the clock, one working day late.
        time.Now = At(3, 27);
        await CompleteAsync(chief, await OpenTaskAsync(chief, id, "decide"));
        var stopped = await CaseClockAsync(applicant, id);
        Assert.Equal("stopped", (string?)stopped["status"]);
        Assert.True(stopped["finishedLate"]!.GetValue<bool>());
        Assert.Equal(CloseOf(3, 26), Due(stopped));
        Assert.Null(await DashboardRowAsync(supervisor, id, ""));
        await CompleteAsync(window, await OpenTaskAsync(window, id, "issue"));
        Assert.Equal("Completed", (string?)(await applicant.InstanceAsync(id))["status"]);

        // The history the applicant and the clerk read: every start, pause (with its reason), resume, level and stop.
        var history = (await CaseClockAsync(clerk, id))["events"]!
            .AsArray()
            .Select(e => (string)e!["action"]!)
            .Where(a => a != "sla.reminded")
            .ToList();
        Assert.Equal(
            [
                "sla.started",
                "sla.paused",
                "sla.resumed",
                "sla.paused",
                "sla.resumed",
                "sla.yellow",
                "sla.red",
                "sla.stopped",
            ],
            history
        );
        var reasons = (await CaseClockAsync(applicant, id))["events"]!
            .AsArray()
            .Where(e => (string?)e!["action"] == "sla.paused")
            .Select(e => (string?)e!["data"]!["reason"])
            .ToList();
        Assert.Equal("supplement", reasons[0]);
        Assert.Contains("专家评审", reasons[1]);
    }
}
