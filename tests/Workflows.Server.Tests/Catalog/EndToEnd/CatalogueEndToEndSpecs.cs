// Every shipped procedure end to end through the HTTP API with the demo accounts, on a SQLite file and a settable clock:
// the approving path, a supplement round at the front desk, a rejection with a reason, and a breach escalated to the
// bureau's chief with a supervision record; and the bundle's two bureau reviews open side by side.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>Scenario kinds as theories over the eleven procedures; one host shared by the class, one case per test.</summary>
public sealed class CatalogueEndToEndSpecs(CatalogueFixture fixture)
    : IClassFixture<CatalogueFixture>
{
    private static readonly System.Xml.Linq.XNamespace Bpmn =
        "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private const string Reason =
        "犯罪记录证明已超过 6 个月 / criminal record certificate older than 6 months";

    /// <summary>The procedure keys.</summary>
    public static TheoryData<string> Procedures() =>
        new(ProcedureScripts.ByKey.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_file_under_workflows_has_a_script()
    {
        var files = Directory
            .EnumerateFiles(CatalogFiles.Root, "*.bpmn")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal);

        Assert.Equal(files, ProcedureScripts.ByKey.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Approving_path_runs_to_the_completed_end_with_every_clock_stopped_on_time(
        string key
    )
    {
        var c = await CaseDriver.SubmitAsync(fixture, ProcedureScripts.ByKey[key]);

        await c.RunToEndAsync();

        var instance = await c.InstanceAsync();
        Assert.Equal("Completed", (string?)instance["status"]);
        Assert.Empty(instance["incidents"]!.AsArray());
        var completed = instance["completedElementIds"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains("EndEvent_Completed", completed);
        Assert.DoesNotContain("EndEvent_Rejected", completed);
        Assert.DoesNotContain("EndEvent_NotAccepted", completed);
        Assert.All(c.Script.HappyPath, s => Assert.Contains(s.ElementId, completed));
        Assert.Equal("5", (string?)instance["variables"]!["rating"]);
        // The service tasks passed ran the simulated government systems (their outputs are marked simulated).
        var services = CatalogFiles
            .Xml($"{key}.bpmn")
            .Descendants(Bpmn + "serviceTask")
            .Select(e => (string)e.Attribute("id")!)
            .Where(completed.Contains)
            .ToList();
        if (services.Count > 0)
            Assert.True(
                (bool?)instance["variables"]!["simulated"],
                $"{key}: {string.Join(", ", services)} ran no simulated system"
            );
        var clocks = await c.ClocksAsync();
        var caseClock = Assert.Single(clocks, k => (string?)k!["kind"] == "case")!;
        Assert.Equal("stopped", (string?)caseClock["status"]);
        Assert.All(
            clocks,
            k =>
            {
                Assert.Equal("stopped", (string?)k!["status"]);
                Assert.False(
                    (bool?)k["finishedLate"],
                    $"{k["kind"]} clock {k["elementId"]} finished late"
                );
            }
        );
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Supplement_at_the_front_desk_pauses_the_clock_and_moves_the_due_date_by_exactly_the_paused_working_days(
        string key
    )
    {
        var c = await CaseDriver.SubmitAsync(fixture, ProcedureScripts.ByKey[key]);
        await c.RunUntilAsync(ProcedureScript.WindowCheck);
        var task = await c.OpenTaskAsync(ProcedureScript.WindowCheck, "clerk.window");
        var taskId = (string)task["id"]!;
        var before = await c.TaskClockAsync(taskId);
        var dueBefore = before["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal("running", (string?)before["status"]);
        var missing = RequiredMaterials(key).Take(2).ToList();

        // Monday 11:00: one notice naming every missing item (一次性告知).
        c.Now = CatalogueFixture.Monday.AddHours(2);
        var clerk = await c.As("clerk.window");
        var notice = await (
            await clerk.PostJsonAsync(
                $"/api/tasks/{taskId}/supplement",
                new
                {
                    items = missing.Select(m => new { key = m }).ToArray(),
                    note = "请一次性补齐以下材料 / please supply all of the following",
                }
            )
        ).OkJsonAsync();
        Assert.Equal(missing, notice["items"]!.AsArray().Select(i => (string)i!["key"]!));
        Assert.Equal("paused", (string?)(await c.TaskClockAsync(taskId))["status"]);

        // Wednesday noon, past the old due date: a paused clock does not turn red.
        c.Now = CatalogueFixture.Monday.AddDays(2).AddHours(3);
        await c.FireDueSlaTimersAsync();
        var paused = await c.TaskClockAsync(taskId);
        Assert.Equal("paused", (string?)paused["status"]);
        Assert.Equal("green", (string?)paused["level"]);

        // Thursday 10:00 the applicant supplies the files: Tuesday, Wednesday and Thursday were paused.
        c.Now = CatalogueFixture.Monday.AddDays(3).AddHours(1);
        var applicant = await c.As("applicant.demo");
        using (
            var files = TaskClient.File(
                TaskClient.Pdf,
                $"{missing[0]}.pdf",
                "application/pdf",
                field: missing[0]
            )
        )
        {
            using var second = new ByteArrayContent(TaskClient.Pdf);
            second.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(
                "application/pdf"
            );
            files.Add(second, missing[1], $"{missing[1]}.pdf");
            await (
                await applicant.PostAsync(
                    $"/api/instances/{c.Id}/supplements/{notice["id"]}/answer",
                    files
                )
            ).OkJsonAsync();
        }

        var resumed = await c.TaskClockAsync(taskId);
        Assert.Equal("running", (string?)resumed["status"]);
        Assert.Equal(3, resumed["pausedWorkingDays"]!.GetValue<int>());
        Assert.Equal(dueBefore.AddDays(3), resumed["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("supplement", (string?)resumed["pauses"]![0]!["reason"]);
        Assert.Equal(
            resumed["dueAt"]!.GetValue<DateTimeOffset>(),
            (await clerk.GetObjectAsync($"/api/tasks/{taskId}"))[
                "dueAt"
            ]!.GetValue<DateTimeOffset>()
        );

        // The clerk accepts on Thursday: on time, because the paused days do not count.
        var index = c
            .Script.HappyPath.ToList()
            .FindIndex(s => s.ElementId == ProcedureScript.WindowCheck);
        await c.RunUntilAsync(c.Script.HappyPath[index + 1].ElementId);
        var accepted = await c.TaskClockAsync(taskId);
        Assert.Equal("stopped", (string?)accepted["status"]);
        Assert.False((bool?)accepted["finishedLate"]);
        Assert.Equal("Running", (string?)(await c.InstanceAsync())["status"]);
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Rejection_with_a_reason_notifies_the_applicant_and_ends_at_the_rejected_end(
        string key
    )
    {
        var script = ProcedureScripts.ByKey[key];
        var c = await CaseDriver.SubmitAsync(fixture, script);
        await c.RunUntilAsync(script.RejectAt);
        var step = script.Step(script.RejectAt);
        var task = await c.OpenTaskAsync(script.RejectAt, step.User!);
        var client = await c.As(step.User!);

        var rejected = await client.PostJsonAsync(
            $"/api/tasks/{task["id"]}/reject",
            new { reason = Reason }
        );
        await ApiCalls.Expect(rejected, HttpStatusCode.OK);
        await c.RunServicesAsync();

        var instance = await c.InstanceAsync();
        var completed = instance["completedElementIds"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains("Notify_Rejected", completed);
        Assert.Contains("EndEvent_Rejected", completed);
        Assert.DoesNotContain("EndEvent_Completed", completed);
        // The rejected end is a terminate end event (so a rejection in one parallel branch ends the other): the engine
        // reports such an ending as Terminated, and names the end event, so a client tells a refusal from a cancellation.
        Assert.Equal("Terminated", (string?)instance["status"]);
        Assert.Equal(
            ("EndEvent_Rejected", "Rejected", "terminate"),
            (
                (string?)instance["endEvent"]!["id"],
                (string?)instance["endEvent"]!["nameEn"],
                (string?)instance["endEvent"]!["kind"]
            )
        );
        Assert.Empty(instance["activeElementIds"]!.AsArray());
        Assert.Empty(instance["incidents"]!.AsArray());
        var variables = instance["variables"]!;
        Assert.Equal(Reason, (string?)variables["rejectReason"]);
        Assert.Equal("Notify_Rejected", (string?)variables["notice"]);
        Assert.True((bool?)variables["applicantNotified"]);
        Assert.Empty(await c.OpenTasksAsync("admin"));
        Assert.All(await c.ClocksAsync(), k => Assert.NotEqual("running", (string?)k!["status"]));
        var audit = await client.GetArrayAsync($"/api/instances/{c.Id}/audit");
        Assert.Contains(
            audit,
            a => (string?)a!["action"] == "task.rejected" && (string?)a["data"]!["reason"] == Reason
        );
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task Breach_turns_the_step_red_escalates_to_the_bureau_chief_and_opens_a_supervision_record(
        string key
    )
    {
        var script = ProcedureScripts.ByKey[key];
        var c = await CaseDriver.SubmitAsync(fixture, script);
        await c.RunUntilAsync(script.BreachAt);
        var task = await c.OpenTaskAsync(script.BreachAt, script.Step(script.BreachAt).User!);
        var taskId = (string)task["id"]!;
        var due = (await c.TaskClockAsync(taskId))["dueAt"]!.GetValue<DateTimeOffset>();

        c.Now = due.AddMinutes(1);
        await c.FireDueSlaTimersAsync();

        // The recurring sweep may have claimed the red transition on the moved clock first: wait for it to commit.
        var clock = await ApiCalls.EventuallyAsync(
            () => c.TaskClockAsync(taskId),
            k => (string?)k["level"] == "red",
            $"{key}: {script.BreachAt} turning red"
        );
        Assert.Equal(script.BreachBureau, (string?)clock["bureau"]);
        var chief = await c.As(script.BreachChief);
        Assert.Equal(
            "red",
            (string?)(await chief.GetObjectAsync($"/api/tasks/{taskId}"))["slaLevel"]
        );
        var inbox = await chief.GetObjectAsync("/api/notifications?pageSize=200");
        var escalation = Assert.Single(
            inbox["items"]!.AsArray(),
            n => (string?)n!["kind"] == "sla.escalation" && (string?)n["taskId"] == taskId
        )!;
        Assert.Equal(c.Id, escalation["instanceId"]!.GetValue<Guid>());
        var supervisor = await c.As("supervisor");
        var records = await supervisor.GetObjectAsync(
            $"/api/sla/supervision?status=open&bureau={script.BreachBureau}&pageSize=200"
        );
        var record = Assert.Single(
            records["items"]!.AsArray(),
            r => (string?)r!["taskId"] == taskId
        )!;
        Assert.Equal(c.Id, record["instanceId"]!.GetValue<Guid>());
        Assert.Equal(script.BreachAt, (string?)record["elementId"]);
        Assert.Equal(due, record["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Bundle_reviews_at_kjj_and_crj_are_open_at_the_same_time_and_their_working_times_overlap()
    {
        var c = await CaseDriver.SubmitAsync(
            fixture,
            ProcedureScripts.ByKey["work-residence-bundle"]
        );
        await c.RunUntilAsync("Task_WorkPermitReview");

        // One read of the task list shows both bureaus' reviews open.
        var open = await c.OpenTasksAsync("supervisor");
        Assert.Equal(
            ["Task_ResidencePreReview", "Task_WorkPermitReview"],
            open.Select(t => (string)t["elementId"]!).Order(StringComparer.Ordinal)
        );
        var kjj = await c.OpenTaskAsync("Task_WorkPermitReview", "clerk.kjj");
        var crj = await c.OpenTaskAsync("Task_ResidencePreReview", "clerk.crj");
        Assert.Equal("kjj", (string?)kjj["bureau"]);
        Assert.Equal("crj", (string?)crj["bureau"]);

        await c.RunUntilAsync("Task_WorkPermitDecision");

        var supervisor = await c.As("supervisor");
        var work = await supervisor.GetObjectAsync($"/api/tasks/{kjj["id"]}");
        var residence = await supervisor.GetObjectAsync($"/api/tasks/{crj["id"]}");
        var decision = await c.OpenTaskAsync("Task_WorkPermitDecision", "chief.kjj");
        DateTimeOffset At(JsonObject t, string field) => t[field]!.GetValue<DateTimeOffset>();
        Assert.True(
            At(work, "createdAt") < At(residence, "completedAt")
                && At(residence, "createdAt") < At(work, "completedAt"),
            $"the reviews did not overlap: {JsonSerializer.Serialize(new[] { work, residence })}"
        );
        Assert.True(
            At(residence, "createdAt") < At(work, "completedAt")
                && At(work, "completedAt") < At(residence, "completedAt"),
            "the S&T review was completed while the exit-entry review was still open"
        );
        Assert.True(
            At(decision, "createdAt") >= At(residence, "completedAt"),
            "the decision waited for both reviews"
        );

        // Both cards are issued together and sent by the government courier.
        await c.RunToEndAsync();
        var variables = (await c.InstanceAsync())["variables"]!;
        Assert.False(string.IsNullOrEmpty((string?)variables["cardNumber"]));
        Assert.False(string.IsNullOrEmpty((string?)variables["trackingNumber"]));
    }

    // The first required items of the procedure's checklist (materials/<key>.json).
    private static IEnumerable<string> RequiredMaterials(string key)
    {
        using var doc = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(CatalogFiles.Root, "materials", $"{key}.json"))
        );
        return doc
            .RootElement.GetProperty("items")
            .EnumerateArray()
            .Where(i => i.GetProperty("required").GetBoolean())
            .Select(i => i.GetProperty("key").GetString()!)
            .ToList();
    }
}
