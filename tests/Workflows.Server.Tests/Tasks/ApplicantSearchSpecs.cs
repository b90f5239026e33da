// The inbox's applicant-name search: a literal prefix, sorted by due date (dated first, undated after), paged the same
// way by cursor and by offset, and never showing another bureau's tasks.
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Applicant-name search scenarios, run per provider by the derived classes.</summary>
public abstract class ApplicantSearchSpecs(HostFixture fixture)
{
    [ProviderFact]
    public async Task A_name_prefix_lists_its_tasks_by_due_date_then_undated_and_pages_alike_by_cursor_and_offset()
    {
        var (host, prefix, ids) = await OpenAsync(
            "Lee A",
            "Lee B",
            "Lee C",
            "Lee D",
            "Lee E",
            "Li F"
        );
        var due = new DateTimeOffset(2030, 5, 1, 9, 0, 0, TimeSpan.Zero);
        await TaskClient.SetDueAsync(
            host,
            (ids[0], due.AddHours(1)),
            (ids[1], due),
            (ids[2], due),
            (ids[3], null),
            (ids[4], null),
            (ids[5], due)
        );
        var clerk = await host.As("clerk.kjj");
        var foreign = await host.As("clerk.crj");
        List<string> expected = [.. Sorted(ids[1], ids[2]), ids[0], .. Sorted(ids[3], ids[4])];
        var search = $"/api/tasks?applicant={Uri.EscapeDataString(prefix + "Lee")}";

        var whole = await clerk.GetObjectAsync(search + "&pageSize=200");
        var walked = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await clerk.GetObjectAsync(
                $"{search}&pageSize=1{(cursor is null ? "" : "&after=" + cursor)}"
            );
            walked.AddRange(Ids(page));
            cursor = (string?)page["nextCursor"];
            pages++;
        } while (cursor is not null && pages < 100);
        var second = await clerk.GetObjectAsync(search + "&pageSize=2&page=2");
        var third = await clerk.GetObjectAsync(search + "&pageSize=2&page=3");
        var seenByForeign = await foreign.GetObjectAsync(
            $"/api/tasks?applicant={Uri.EscapeDataString(prefix)}"
        );

        Assert.Equal(expected, Ids(whole));
        Assert.Equal(5, (int)whole["total"]!);
        Assert.Equal(expected, walked);
        Assert.Equal(expected[2..4], Ids(second));
        Assert.Equal(expected[4..], Ids(third));
        Assert.Empty(Ids(seenByForeign));
        Assert.Equal(0, (int)seenByForeign["total"]!);
    }

    [ProviderFact]
    public async Task Percent_and_underscore_in_a_prefix_match_themselves_only()
    {
        var (host, prefix, ids) = await OpenAsync("100% Ltd", "1000 Ltd", "1_0 Co", "1A0 Co");
        var clerk = await host.As("clerk.kjj");

        var percent = await IdsAsync(clerk, prefix + "100%");
        var underscore = await IdsAsync(clerk, prefix + "1_");
        var all = await IdsAsync(clerk, prefix + "1");

        Assert.Equal([ids[0]], percent);
        Assert.Equal([ids[2]], underscore);
        Assert.Equal(Sorted([.. ids]), all.Order(StringComparer.Ordinal));
    }

    // One task per name, each name behind a prefix of its own so the shared host's other tasks never match.
    private async Task<(ServerHost Host, string Prefix, List<string> Ids)> OpenAsync(
        params string[] names
    )
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = Processes.NewKey("byname");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
        var prefix = $"N{Guid.NewGuid():N}"[..9] + " ";
        var ids = new List<string>();
        foreach (var name in names)
            ids.Add((await TaskClient.OpenAsync(host, key, prefix + name)).Task);
        return (host, prefix, ids);
    }

    private static List<string> Ids(System.Text.Json.Nodes.JsonObject page) =>
        page["items"]!.AsArray().Select(t => (string)t!["id"]!).ToList();

    private static async Task<List<string>> IdsAsync(HttpClient client, string prefix) =>
        Ids(
            await client.GetObjectAsync(
                $"/api/tasks?applicant={Uri.EscapeDataString(prefix)}&pageSize=200"
            )
        );

    private static List<string> Sorted(params string[] ids) =>
        ids.Order(StringComparer.Ordinal).ToList();
}

/// <summary>On a SQLite file.</summary>
public sealed class ApplicantSearchOnSqlite(TaskSqliteFixture fixture)
    : ApplicantSearchSpecs(fixture),
        IClassFixture<TaskSqliteFixture>;

/// <summary>On PostgreSQL (skipped without WORKFLOWS_TEST_POSTGRES).</summary>
[Postgres]
public sealed class ApplicantSearchOnPostgres(TaskPostgresFixture fixture)
    : ApplicantSearchSpecs(fixture),
        IClassFixture<TaskPostgresFixture>;
