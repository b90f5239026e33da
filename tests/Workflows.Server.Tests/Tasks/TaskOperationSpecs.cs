// Task operations end to end on a real database: concurrency, idempotent retries, supplements, rejection, forms,
// hand-offs, comments, the inbox and the audit trail.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Task operation scenarios, run per provider by the derived classes.</summary>
public abstract class TaskOperationSpecs(HostFixture fixture)
{
    private readonly SemaphoreSlim _deployLock = new(1, 1);
    private string? _withBoundary;

    private Task<ServerHost> HostAsync() => fixture.SharedAsync(new HostOptions());

    private async Task<(ServerHost Host, Guid Instance, string Task)> OpenAsync(
        string applicantName = "Zhang Wei"
    )
    {
        var host = await HostAsync();
        await _deployLock.WaitAsync();
        try
        {
            if (_withBoundary is null)
            {
                var key = Processes.NewKey("review");
                await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
                _withBoundary = key;
            }
        }
        finally
        {
            _deployLock.Release();
        }
        var (instance, task) = await TaskClient.OpenAsync(host, _withBoundary, applicantName);
        return (host, instance, task);
    }

    [ProviderFact]
    public async Task Fifty_parallel_completions_of_one_task_have_exactly_one_winner_and_the_rest_get_409()
    {
        var (host, id, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");

        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 50)
                .Select(i =>
                    clerk.PostJsonAsync(
                        $"/api/tasks/{task}/complete",
                        new { variables = new { opinion = $"attempt {i}" } }
                    )
                )
        );

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(
            codes.Count(c => c is >= 200 and < 300) == 1 && codes.Count(c => c == 409) == 49,
            string.Join(",", codes)
        );
        var conflict = await responses
            .First(r => r.StatusCode == HttpStatusCode.Conflict)
            .JsonAsync();
        Assert.Equal("Completed", (string?)conflict["currentStatus"]);
        Assert.Equal(
            1,
            await host.QueryAsync(db =>
                db.AuditEvents.CountAsync(a => a.TaskId == task && a.Action == "task.completed")
            )
        );
        Assert.Equal("Completed", (string?)(await clerk.InstanceAsync(id))["status"]);
    }

    [ProviderFact]
    public async Task Tasks_of_parallel_branches_completed_at_once_all_succeed_and_the_instance_completes()
    {
        // Each completion's task check also reads the instance (where reads are round trips), and all but the first
        // command to commit find it changed since: their save fails the version check and the retry reads it again.
        const int branches = 8;
        var host = await HostAsync();
        var key = Processes.NewKey("parallel");
        await TaskClient.DeployAsync(host, Processes.ParallelReviews(key, branches));
        var id = await (await host.As("applicant.demo")).StartAsync(key);
        var tasks = await host.QueryAsync(db =>
            db.Tasks.Where(t => t.InstanceId == id && t.Status == "Open")
                .Select(t => t.Id)
                .ToListAsync()
        );
        Assert.Equal(branches, tasks.Count);
        var clerk = await host.As("clerk.kjj");

        var responses = await Task.WhenAll(
            tasks.Select(t => clerk.PostJsonAsync($"/api/tasks/{t}/complete", new { }))
        );

        Assert.All(
            responses,
            r =>
                Assert.True(
                    r.IsSuccessStatusCode,
                    $"{(int)r.StatusCode} {r.Content.ReadAsStringAsync().Result}"
                )
        );
        Assert.Equal("Completed", (string?)(await clerk.InstanceAsync(id))["status"]);
        Assert.Equal(
            branches,
            await host.QueryAsync(db =>
                db.Tasks.CountAsync(t => t.InstanceId == id && t.Status == "Completed")
            )
        );
        Assert.Equal(
            branches,
            await host.QueryAsync(db =>
                db.AuditEvents.CountAsync(a =>
                    a.InstanceId == id && a.TaskId != null && a.Action == "task.completed"
                )
            )
        );
    }

    [ProviderFact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_answer_and_acts_once()
    {
        var (host, id, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");
        var commentKey = Guid.NewGuid().ToString();
        var completeKey = Guid.NewGuid().ToString();

        var comment1 = await clerk.PostWithKeyAsync(
            $"/api/tasks/{task}/comments",
            new { text = "materials look complete" },
            commentKey
        );
        var comment2 = await clerk.PostWithKeyAsync(
            $"/api/tasks/{task}/comments",
            new { text = "materials look complete" },
            commentKey
        );
        var first = await clerk.PostWithKeyAsync(
            $"/api/tasks/{task}/complete",
            new { variables = new { opinion = "approve" } },
            completeKey
        );
        var retry = await clerk.PostWithKeyAsync(
            $"/api/tasks/{task}/complete",
            new { variables = new { opinion = "approve" } },
            completeKey
        );
        var viaBody = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/comments",
            new { text = "body id", requestId = "r-1" }
        );
        var viaBodyAgain = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/comments",
            new { text = "body id", requestId = "r-1" }
        );

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(
            await first.Content.ReadAsStringAsync(),
            await retry.Content.ReadAsStringAsync()
        );
        Assert.Equal(
            (long)(await comment1.OkJsonAsync())["id"]!,
            (long)(await comment2.OkJsonAsync())["id"]!
        );
        Assert.Equal(
            (long)(await viaBody.OkJsonAsync())["id"]!,
            (long)(await viaBodyAgain.OkJsonAsync())["id"]!
        );
        Assert.Equal(
            2,
            await host.QueryAsync(db => db.TaskComments.CountAsync(c => c.TaskId == task))
        );
        // A body that is not JSON carries no requestId: the handler's 400 names it, and nothing is remembered.
        using var malformed = new StringContent(
            "{\"text\": ",
            System.Text.Encoding.UTF8,
            "application/json"
        );
        var bad = await clerk.PostAsync($"/api/tasks/{task}/comments", malformed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("body", (await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(
            2,
            await host.QueryAsync(db => db.TaskComments.CountAsync(c => c.TaskId == task))
        );
        Assert.Equal(
            1,
            await host.QueryAsync(db =>
                db.AuditEvents.CountAsync(a =>
                    a.InstanceId == id && a.TaskId == task && a.Action == "task.completed"
                )
            )
        );
    }

    [ProviderFact]
    public async Task Supplement_suspends_the_task_pauses_and_notifies_and_the_applicants_answer_resumes_it_with_a_second_notice_marked_repeat()
    {
        var (host, id, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");
        var applicant = await host.As("applicant.demo");
        await Infrastructure.ApiCalls.Expect(
            await clerk.PostJsonAsync($"/api/tasks/{task}/claim", new { }),
            HttpStatusCode.OK
        );

        var notice = await (
            await clerk.PostJsonAsync(
                $"/api/tasks/{task}/supplement",
                new
                {
                    items = new object[]
                    {
                        new { key = "passport" },
                        new { key = "degree", note = "authenticated copy" },
                    },
                    note = "请补齐 / please complete",
                }
            )
        ).OkJsonAsync();

        Assert.Equal(1, (int)notice["sequence"]!);
        Assert.False((bool)notice["isRepeat"]!);
        Assert.Equal(
            ["护照", "学位证书"],
            notice["items"]!.AsArray().Select(i => (string)i!["name"]!)
        );
        var suspended = await clerk.GetObjectAsync($"/api/tasks/{task}");
        Assert.True((bool)suspended["waitingForSupplement"]!);
        Assert.DoesNotContain(
            (await clerk.GetObjectAsync("/api/tasks?queue=mine&pageSize=200"))["items"]!.AsArray(),
            t => (string?)t!["id"] == task
        );
        Assert.Contains(
            (await clerk.GetObjectAsync("/api/tasks?queue=suspended&pageSize=200"))[
                "items"
            ]!.AsArray(),
            t => (string?)t!["id"] == task
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await clerk.PostJsonAsync(
                    $"/api/tasks/{task}/complete",
                    new { variables = new { opinion = "ok" } }
                )
            ).StatusCode
        );
        var toApplicant = await host.QueryAsync(db =>
            db.Notifications.Where(n =>
                    n.InstanceId == id
                    && n.Recipient == "applicant.demo"
                    && n.Kind == "supplement.notice"
                )
                .ToListAsync()
        );
        Assert.Contains("Passport", Assert.Single(toApplicant).Body);
        Assert.Equal("Running", (string?)(await applicant.InstanceAsync(id))["status"]);

        using var files = TaskClient.File(
            TaskClient.Pdf,
            "passport.pdf",
            "application/pdf",
            field: "passport"
        );
        var answered = await (
            await applicant.PostAsync(
                $"/api/instances/{id}/supplements/{notice["id"]}/answer",
                files
            )
        ).OkJsonAsync();

        Assert.NotNull(answered["answeredAt"]);
        Assert.False(
            (bool)(await clerk.GetObjectAsync($"/api/tasks/{task}"))["waitingForSupplement"]!
        );
        Assert.Equal(
            "passport",
            (string?)
                Assert.Single(await applicant.GetArrayAsync($"/api/instances/{id}/attachments"))![
                    "materialKey"
                ]
        );
        Assert.True(
            await host.QueryAsync(db =>
                db.Notifications.AnyAsync(n =>
                    n.InstanceId == id
                    && n.Recipient == "clerk.kjj"
                    && n.Kind == "supplement.answered"
                )
            )
        );
        Assert.Equal(
            HttpStatusCode.Conflict,
            (
                await applicant.PostJsonAsync(
                    $"/api/instances/{id}/supplements/{notice["id"]}/answer",
                    new { variables = new { x = 1 } }
                )
            ).StatusCode
        );

        var second = await (
            await clerk.PostJsonAsync(
                $"/api/tasks/{task}/supplement",
                new { items = new object[] { new { key = "contract" } } }
            )
        ).OkJsonAsync();
        Assert.Equal(2, (int)second["sequence"]!);
        Assert.True((bool)second["isRepeat"]!);
        var listed = await applicant.GetArrayAsync($"/api/instances/{id}/supplements");
        Assert.Equal([false, true], listed.Select(n => (bool)n!["isRepeat"]!));
        var audit = await clerk.GetArrayAsync($"/api/instances/{id}/audit");
        Assert.Contains(audit, a => (string?)a!["action"] == "task.supplement-requested");
        Assert.Contains(audit, a => (string?)a!["action"] == "task.supplement-requested.repeat");
        Assert.Contains(audit, a => (string?)a!["action"] == "supplement.answered");
    }

    [ProviderFact]
    public async Task Supplement_items_must_come_from_the_checklist_and_must_not_be_empty()
    {
        var (host, _, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");

        var unknown = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/supplement",
            new { items = new object[] { new { key = "passport" }, new { key = "horoscope" } } }
        );
        var empty = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/supplement",
            new { items = Array.Empty<object>() }
        );

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.NotNull((await unknown.JsonAsync())["errors"]!["items[1].key"]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.JsonAsync())["errors"]!["items"]);
    }

    [ProviderFact]
    public async Task Rejection_takes_the_error_boundary_and_without_one_the_instance_terminates()
    {
        var (host, id, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");
        var noBoundary = Processes.NewKey("noboundary");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(noBoundary, boundary: false));
        var (id2, task2) = await TaskClient.OpenAsync(host, noBoundary);

        var missingReason = await clerk.PostJsonAsync($"/api/tasks/{task}/reject", new { });
        var rejected = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/reject",
            new { reason = "criminal record certificate older than 6 months" }
        );
        var rejected2 = await clerk.PostJsonAsync(
            $"/api/tasks/{task2}/reject",
            new { reason = "not eligible" }
        );

        Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
        Assert.NotNull((await missingReason.JsonAsync())["errors"]!["reason"]);
        await Infrastructure.ApiCalls.Expect(rejected, HttpStatusCode.OK);
        await Infrastructure.ApiCalls.Expect(rejected2, HttpStatusCode.OK);
        var withBoundary = await clerk.InstanceAsync(id);
        Assert.Equal("Completed", (string?)withBoundary["status"]);
        Assert.Contains(
            "refused",
            withBoundary["completedElementIds"]!.AsArray().Select(e => (string?)e)
        );
        Assert.Equal(
            "criminal record certificate older than 6 months",
            (string?)withBoundary["variables"]!["rejectReason"]
        );
        Assert.Equal("Terminated", (string?)(await clerk.InstanceAsync(id2))["status"]);
        Assert.Contains(
            await clerk.GetArrayAsync($"/api/instances/{id}/audit"),
            a =>
                (string?)a!["action"] == "task.rejected"
                && (string?)a["data"]!["reason"]
                    == "criminal record certificate older than 6 months"
        );
    }

    [ProviderFact]
    public async Task Completion_variables_are_validated_against_the_form_naming_every_failing_field_and_written_back_typed()
    {
        var (host, id, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");

        var bad = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/complete",
            new
            {
                variables = new
                {
                    approve = "maybe",
                    score = 9,
                    permitClass = "Z",
                    @checked = new[] { "passport", "horoscope" },
                    decidedOn = "next tuesday",
                    permitNo = "12AB",
                },
            }
        );
        var good = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/complete",
            new
            {
                variables = new
                {
                    opinion = "approve",
                    approve = "true",
                    score = "4",
                    permitClass = "A",
                    @checked = new[] { "degree" },
                    decidedOn = "2026-03-02",
                    permitNo = "AB1234",
                },
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(
            ["approve", "checked", "decidedOn", "opinion", "permitClass", "permitNo", "score"],
            errors.Select(e => e.Key).Order()
        );
        await Infrastructure.ApiCalls.Expect(good, HttpStatusCode.OK);
        var variables = (await clerk.InstanceAsync(id))["variables"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.Number, variables["score"]!.GetValueKind());
        Assert.Equal(4m, variables["score"]!.GetValue<decimal>());
        Assert.True(variables["approve"]!.GetValue<bool>());
    }

    [ProviderFact]
    public async Task A_chief_assigns_the_assignee_delegates_and_the_delegate_resolves_back_to_the_owner()
    {
        var (host, _, task) = await OpenAsync();
        var chief = await host.As("chief.kjj");
        var clerk = await host.As("clerk.kjj");

        var byClerk = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/assign",
            new { userName = "clerk.kjj" }
        );
        var toNobody = await chief.PostJsonAsync(
            $"/api/tasks/{task}/assign",
            new { userName = "no.such.user" }
        );
        var assigned = await (
            await chief.PostJsonAsync($"/api/tasks/{task}/assign", new { userName = "clerk.kjj" })
        ).OkJsonAsync();
        var delegated = await (
            await clerk.PostJsonAsync($"/api/tasks/{task}/delegate", new { userName = "chief.kjj" })
        ).OkJsonAsync();
        var delegateCompletes = await chief.PostJsonAsync(
            $"/api/tasks/{task}/complete",
            new { variables = new { opinion = "ok" } }
        );
        var resolved = await (
            await chief.PostJsonAsync($"/api/tasks/{task}/resolve", new { })
        ).OkJsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.NotNull((await toNobody.JsonAsync())["errors"]!["userName"]);
        Assert.Equal("clerk.kjj", (string?)assigned["assignee"]);
        Assert.Equal(
            ("chief.kjj", "clerk.kjj"),
            ((string?)delegated["assignee"], (string?)delegated["owner"])
        );
        Assert.Equal(HttpStatusCode.Conflict, delegateCompletes.StatusCode);
        Assert.Equal(
            ("clerk.kjj", (string?)null),
            ((string?)resolved["assignee"], (string?)resolved["owner"])
        );
        var actions = await host.QueryAsync(db =>
            db.AuditEvents.Where(a => a.TaskId == task).Select(a => a.Action).ToListAsync()
        );
        Assert.Contains("task.assigned", actions);
        Assert.Contains("task.delegated", actions);
        Assert.Contains("task.resolved", actions);
    }

    [ProviderFact]
    public async Task Comments_are_listed_in_order_with_their_authors()
    {
        var (host, _, task) = await OpenAsync();
        var clerk = await host.As("clerk.kjj");
        var chief = await host.As("chief.kjj");

        await Infrastructure.ApiCalls.Expect(
            await clerk.PostJsonAsync($"/api/tasks/{task}/comments", new { text = "first" }),
            HttpStatusCode.OK
        );
        await Infrastructure.ApiCalls.Expect(
            await chief.PostJsonAsync($"/api/tasks/{task}/comments", new { text = "second" }),
            HttpStatusCode.OK
        );
        var empty = await clerk.PostJsonAsync($"/api/tasks/{task}/comments", new { text = "" });

        var comments = await clerk.GetArrayAsync($"/api/tasks/{task}/comments");
        Assert.Equal(
            [("clerk.kjj", "first"), ("chief.kjj", "second")],
            comments.Select(c => ((string)c!["author"]!, (string)c["text"]!))
        );
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [ProviderFact]
    public async Task Inbox_pages_by_cursor_without_gaps_or_repeats_and_filters_by_applicant_prefix()
    {
        var host = await HostAsync();
        var opened = new List<string>();
        for (var i = 0; i < 7; i++)
            opened.Add((await OpenAsync($"Inbox-{Guid.NewGuid():N}"[..12] + $"-{i}")).Task);
        var prefix = (
            await host.QueryAsync(db =>
                db.Tasks.Where(t => t.Id == opened[0]).Select(t => t.ApplicantName).SingleAsync()
            )
        )!;
        var clerk = await host.As("clerk.kjj");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await clerk.GetObjectAsync(
                $"/api/tasks?queue=group&pageSize=3&sort=created{(cursor is null ? "" : "&after=" + cursor)}"
            );
            seen.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        } while (cursor is not null && pages < 1000);
        var byApplicant = await clerk.GetObjectAsync(
            $"/api/tasks?applicant={Uri.EscapeDataString(prefix[..10])}"
        );
        var offset = await clerk.GetObjectAsync("/api/tasks?queue=group&page=2&pageSize=2");

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(opened.ToHashSet(), seen.ToHashSet());
        Assert.Equal(opened[0], (string?)Assert.Single(byApplicant["items"]!.AsArray())!["id"]);
        Assert.Equal(2, offset["items"]!.AsArray().Count);
        Assert.Equal(2, (int)offset["pageNumber"]!);
    }

    [ProviderFact]
    public async Task The_audit_export_is_a_csv_for_supervisors_and_admins_only()
    {
        var (host, _, task) = await OpenAsync();
        await Infrastructure.ApiCalls.Expect(
            await (await host.As("clerk.kjj")).PostJsonAsync($"/api/tasks/{task}/claim", new { }),
            HttpStatusCode.OK
        );
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));

        var bySupervisor = await (await host.As("supervisor")).GetAsync(
            $"/api/audit/export?from={from}"
        );
        var byClerk = await (await host.As("clerk.kjj")).GetAsync("/api/audit/export");

        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        Assert.Equal("text/csv", bySupervisor.Content.Headers.ContentType?.MediaType);
        var csv = await bySupervisor.Content.ReadAsStringAsync();
        Assert.StartsWith("id,at,actor,action", csv.TrimStart('\uFEFF'));
        Assert.Contains($"task.claimed,", csv);
        Assert.Contains(task, csv);
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
    }
}

/// <summary>On a SQLite file.</summary>
public sealed class TaskOperationsOnSqlite(TaskSqliteFixture fixture)
    : TaskOperationSpecs(fixture),
        IClassFixture<TaskSqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class TaskOperationsOnPostgres(TaskPostgresFixture fixture)
    : TaskOperationSpecs(fixture),
        IClassFixture<TaskPostgresFixture>;
