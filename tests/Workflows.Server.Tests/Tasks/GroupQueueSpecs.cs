// The group queue reads the task state copied onto the candidate rows: after every operation that changes who holds a
// task, whether it waits for a supplement, or when it is due, the queue (and its count) shows exactly the right tasks.
using System.Net;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Group queue consistency scenarios, run per provider by the derived classes.</summary>
public abstract class GroupQueueSpecs(HostFixture fixture)
{
    private const string TwoChiefGroups = "bureau:kjj/reviewer,bureau:kjj/chief";

    [ProviderFact]
    public async Task The_group_queue_follows_claim_unclaim_assign_delegate_resolve_supplement_and_completion()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("queue");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
        var (instanceA, a) = await TaskClient.OpenAsync(host, key);
        var (_, b) = await TaskClient.OpenAsync(host, key);
        var clerk = await host.As("clerk.kjj");
        var chief = await host.As("chief.kjj");
        var applicant = await host.As("applicant.demo");
        var count = await GroupCountAsync(clerk);
        Assert.Equal(Sorted(a, b), await SetAsync(clerk, a, b));

        await OkAsync(clerk.PostJsonAsync($"/api/tasks/{a}/claim", new { }));
        Assert.Equal([b], await SetAsync(clerk, a, b));
        Assert.Equal(count - 1, await GroupCountAsync(clerk));
        Assert.Equal(CandidateStates.Claimed, await StateAsync(host, a));

        await OkAsync(clerk.PostJsonAsync($"/api/tasks/{a}/unclaim", new { }));
        Assert.Equal(Sorted(a, b), await SetAsync(clerk, a, b));
        Assert.Equal(count, await GroupCountAsync(clerk));

        await OkAsync(
            chief.PostJsonAsync($"/api/tasks/{b}/assign", new { userName = "clerk.kjj" })
        );
        Assert.Equal([a], await SetAsync(clerk, a, b));
        Assert.Contains(b, await IdsAsync(clerk, "/api/tasks?queue=mine&pageSize=200"));

        await OkAsync(
            clerk.PostJsonAsync($"/api/tasks/{b}/delegate", new { userName = "chief.kjj" })
        );
        Assert.Equal([a], await SetAsync(clerk, a, b));
        Assert.Equal([a], await SetAsync(chief, a, b));
        await OkAsync(chief.PostJsonAsync($"/api/tasks/{b}/resolve", new { }));
        Assert.Equal([a], await SetAsync(clerk, a, b));

        await OkAsync(clerk.PostJsonAsync($"/api/tasks/{b}/unclaim", new { }));
        Assert.Equal(Sorted(a, b), await SetAsync(clerk, a, b));
        Assert.Equal(CandidateStates.Claimable, await StateAsync(host, b));

        var notice = await (
            await clerk.PostJsonAsync(
                $"/api/tasks/{a}/supplement",
                new { items = new object[] { new { key = "passport" } } }
            )
        ).OkJsonAsync();
        Assert.Equal([b], await SetAsync(clerk, a, b));
        Assert.Equal(CandidateStates.Suspended, await StateAsync(host, a));
        Assert.Contains(a, await IdsAsync(clerk, "/api/tasks?queue=suspended&pageSize=200"));

        using var files = TaskClient.File(
            TaskClient.Pdf,
            "passport.pdf",
            "application/pdf",
            field: "passport"
        );
        await OkAsync(
            applicant.PostAsync(
                $"/api/instances/{instanceA}/supplements/{notice["id"]}/answer",
                files
            )
        );
        Assert.Equal(Sorted(a, b), await SetAsync(clerk, a, b));
        Assert.Equal(count, await GroupCountAsync(clerk));

        await OkAsync(
            clerk.PostJsonAsync(
                $"/api/tasks/{b}/complete",
                new { variables = new { opinion = "approve" } }
            )
        );
        Assert.Equal([a], await SetAsync(clerk, a, b));
        Assert.Equal(count - 1, await GroupCountAsync(clerk));
        Assert.Equal(
            0,
            await host.QueryAsync(db => db.TaskCandidates.CountAsync(c => c.TaskId == b))
        );
    }

    [ProviderFact]
    public async Task The_group_queue_follows_due_date_changes_in_its_order_its_due_before_filter_and_its_cursor_pages()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("queuedue");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
        var (_, a) = await TaskClient.OpenAsync(host, key);
        var (_, b) = await TaskClient.OpenAsync(host, key);
        var clerk = await host.As("clerk.kjj");
        var now = DateTimeOffset.UtcNow;
        // A year ahead, so no other task of the shared host falls between them.
        var soon = now.AddDays(365);
        var later = now.AddDays(366);

        // The SLA clock writes due dates through tracked task entities; the context copies them onto the candidate rows.
        await TaskClient.SetDueAsync(host, (a, later), (b, soon));
        Assert.Equal([b, a], await QueueAsync(clerk, a, b));
        Assert.Equal(
            [b],
            await QueueAsync(
                clerk,
                a,
                b,
                $"&dueBefore={Uri.EscapeDataString(soon.AddHours(12).ToString("O"))}"
            )
        );
        Assert.Equal(
            later.UtcTicks / TimeSpan.TicksPerSecond,
            (await host.QueryAsync(db => db.TaskCandidates.SingleAsync(c => c.TaskId == a)))
                .DueAt!
                .Value
                .UtcTicks / TimeSpan.TicksPerSecond
        );

        await TaskClient.SetDueAsync(host, (a, soon.AddHours(-1)));
        Assert.Equal([a, b], await QueueAsync(clerk, a, b));
        Assert.Equal(
            [a, b],
            await QueueAsync(
                clerk,
                a,
                b,
                $"&dueBefore={Uri.EscapeDataString(soon.AddHours(12).ToString("O"))}"
            )
        );

        var all = await IdsAsync(clerk, "/api/tasks?queue=group&pageSize=200");
        var walked = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await clerk.GetObjectAsync(
                $"/api/tasks?queue=group&pageSize=1{(cursor is null ? "" : "&after=" + cursor)}"
            );
            walked.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            cursor = (string?)page["nextCursor"];
            pages++;
        } while (cursor is not null && pages < 1000);
        Assert.Equal(all, walked);
    }

    [ProviderFact]
    public async Task A_task_offered_to_two_of_my_groups_is_listed_and_counted_once()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("queuetwo");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key, TwoChiefGroups));
        var chief = await host.As("chief.kjj");
        var before = await GroupCountAsync(chief);

        var (_, task) = await TaskClient.OpenAsync(host, key);

        Assert.Equal(
            2,
            await host.QueryAsync(db => db.TaskCandidates.CountAsync(c => c.TaskId == task))
        );
        Assert.Single(
            await IdsAsync(chief, "/api/tasks?queue=group&pageSize=200"),
            id => id == task
        );
        Assert.Equal(before + 1, await GroupCountAsync(chief));
        var page = await chief.GetObjectAsync("/api/tasks?queue=group&pageSize=200");
        Assert.Equal(before + 1, (int)page["total"]!);
    }

    [ProviderFact]
    public async Task Cursor_pages_over_two_groups_keep_due_date_ties_in_id_order_and_reach_the_undated_tasks()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var twoGroups = Processes.NewKey("queuetie");
        var oneGroup = Processes.NewKey("queuetie1");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(twoGroups, TwoChiefGroups));
        await TaskClient.DeployAsync(host, TaskProcesses.Review(oneGroup));
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
            ids.Add((await TaskClient.OpenAsync(host, i < 4 ? twoGroups : oneGroup)).Task);
        // Long ago, so these come before every other dated task of the shared host; four share one due date.
        var tie = new DateTimeOffset(2001, 1, 1, 9, 0, 0, TimeSpan.Zero);
        await TaskClient.SetDueAsync(
            host,
            (ids[0], tie),
            (ids[1], tie.AddMinutes(1)),
            (ids[2], tie),
            (ids[3], tie),
            (ids[4], tie),
            (ids[5], null)
        );
        var chief = await host.As("chief.kjj");
        List<string> expected = [.. Sorted(ids[0], ids[2], ids[3], ids[4]), ids[1], ids[5]];

        var all = await IdsAsync(chief, "/api/tasks?queue=group&pageSize=200");
        var walked = new List<string>();
        int? total = null;
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await chief.GetObjectAsync(
                $"/api/tasks?queue=group&pageSize=2{(cursor is null ? "" : "&after=" + cursor)}"
            );
            walked.AddRange(page["items"]!.AsArray().Select(t => (string)t!["id"]!));
            total ??= (int?)page["total"];
            cursor = (string?)page["nextCursor"];
            pages++;
        } while (cursor is not null && pages < 1000);

        Assert.Equal(all.Count, total);
        Assert.Equal(expected[..5], all.Take(5));
        Assert.Equal(expected, all.Where(ids.Contains));
        Assert.Equal(all, walked);
    }

    private static async Task OkAsync(Task<HttpResponseMessage> call) =>
        await ApiCalls.Expect(await call, HttpStatusCode.OK);

    private static async Task<List<string>> IdsAsync(HttpClient client, string url) =>
        (await client.GetObjectAsync(url))["items"]!
            .AsArray()
            .Select(t => (string)t!["id"]!)
            .ToList();

    // The queue's order restricted to the tasks of the scenario (the shared host holds others).
    private static async Task<List<string>> QueueAsync(
        HttpClient client,
        string a,
        string b,
        string filter = ""
    ) =>
        (await IdsAsync(client, $"/api/tasks?queue=group&pageSize=200{filter}"))
            .Where(id => id == a || id == b)
            .ToList();

    // Tasks without a due date are ordered by id, which says nothing about which was opened first: compare as sets.
    private static async Task<List<string>> SetAsync(HttpClient client, string a, string b) =>
        (await QueueAsync(client, a, b)).Order(StringComparer.Ordinal).ToList();

    private static List<string> Sorted(params string[] ids) =>
        ids.Order(StringComparer.Ordinal).ToList();

    private static async Task<int> GroupCountAsync(HttpClient client) =>
        (int)(await client.GetObjectAsync("/api/tasks/counts"))["group"]!;

    private static Task<string> StateAsync(ServerHost host, string task) =>
        host.QueryAsync(db =>
            db.TaskCandidates.Where(c => c.TaskId == task).Select(c => c.State).SingleAsync()
        );
}

/// <summary>On a SQLite file.</summary>
public sealed class GroupQueueOnSqlite(TaskSqliteFixture fixture)
    : GroupQueueSpecs(fixture),
        IClassFixture<TaskSqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class GroupQueueOnPostgres(TaskPostgresFixture fixture)
    : GroupQueueSpecs(fixture),
        IClassFixture<TaskPostgresFixture>;
