// Every role × every task endpoint × own/foreign bureau: the status code the server answers; the same for the case
// (instance) endpoints, and case lists never show a foreign case.
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>The authorization matrix on a SQLite host; each cell acts on a fresh task so cells never influence each other.</summary>
public sealed class AuthorizationMatrixSpecs(TaskSqliteFixture fixture)
    : IClassFixture<TaskSqliteFixture>
{
    private static readonly SemaphoreSlim DeployLock = new(1, 1);
    private static readonly Dictionary<string, string> Keys = [];

    /// <summary>The demo users of every role.</summary>
    public static readonly string[] Users =
    [
        "clerk.kjj",
        "clerk.crj",
        "chief.kjj",
        "manager",
        "supervisor",
        "designer",
        "applicant.demo",
        "employer.demo",
        "admin",
    ];

    /// <summary>The task endpoints.</summary>
    public static readonly string[] Endpoints =
    [
        "get",
        "claim",
        "unclaim",
        "complete",
        "assign",
        "delegate",
        "resolve",
        "reject",
        "supplement",
        "comments.list",
        "comments.add",
        "attachments.list",
        "attachments.add",
    ];

    /// <summary>Every cell.</summary>
    public static IEnumerable<object[]> Cells() =>
        from user in Users
        from endpoint in Endpoints
        from bureau in new[] { "kjj", "crj" }
        select new object[] { user, endpoint, bureau };

    /// <summary>The read endpoints of a case (the applicant.demo's), each answering 200 or 404.</summary>
    public static readonly string[] CaseEndpoints =
    [
        "instance",
        "history",
        "clocks",
        "audit",
        "attachments",
        "supplements",
        "list",
    ];

    /// <summary>Every case cell.</summary>
    public static IEnumerable<object[]> CaseCells() =>
        from user in Users
        from endpoint in CaseEndpoints
        from bureau in new[] { "kjj", "crj" }
        select new object[] { user, endpoint, bureau };

    [Theory]
    [MemberData(nameof(CaseCells))]
    public async Task Each_role_reads_a_case_of_each_bureau_only_when_its_groups_or_bureau_handle_it(
        string user,
        string endpoint,
        string bureau
    )
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = await KeyAsync(host, bureau);
        var (instance, _) = await TaskClient.OpenAsync(host, key);
        var client = await host.As(user);

        var status = await CaseStatusAsync(host, client, endpoint, instance);

        Assert.True(
            status == ExpectedForCase(user, endpoint, bureau),
            $"{user} {endpoint} of a {bureau} case: expected {ExpectedForCase(user, endpoint, bureau)}, got {status}"
        );
    }

    [Fact]
    public async Task A_closed_case_stays_readable_to_the_groups_that_handled_it_and_hidden_from_the_others()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var (instance, task) = await TaskClient.OpenAsync(host, await KeyAsync(host, "kjj"));
        await ApiCalls.Expect(
            await (await host.As("chief.kjj")).PostAsJsonAsync(
                $"/api/tasks/{task}/complete",
                new { variables = new { opinion = "fine" } }
            ),
            HttpStatusCode.OK
        );

        Assert.Equal(
            200,
            await CaseStatusAsync(host, await host.As("clerk.kjj"), "instance", instance)
        );
        Assert.Equal(
            200,
            await CaseStatusAsync(host, await host.As("clerk.kjj"), "list", instance)
        );
        Assert.Equal(
            404,
            await CaseStatusAsync(host, await host.As("clerk.crj"), "instance", instance)
        );
        Assert.Equal(
            404,
            await CaseStatusAsync(host, await host.As("clerk.crj"), "list", instance)
        );
        var foreignList = await (await host.As("clerk.crj")).GetObjectAsync(
            $"/api/instances?definitionKey={await KeyAsync(host, "kjj")}&pageSize=200"
        );
        Assert.Empty(foreignList["items"]!.AsArray());
        Assert.Equal(0, (int)foreignList["total"]!);
    }

    [Fact]
    public async Task A_designer_reads_the_state_of_a_case_they_did_not_start_but_not_its_personal_data()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var (instance, _) = await TaskClient.OpenAsync(host, await KeyAsync(host, "kjj"));
        var designer = await host.As("designer");
        var manager = await host.As("manager");

        var seenByDesigner = await designer.GetObjectAsync($"/api/instances/{instance}");
        var seenByManager = await manager.GetObjectAsync($"/api/instances/{instance}");
        var businessKey = (string)seenByManager["businessKey"]!;
        var listed = await designer.GetObjectAsync(
            $"/api/instances?businessKey={Uri.EscapeDataString(businessKey)}"
        );

        Assert.NotEmpty(seenByManager["variables"]!.AsObject());
        Assert.NotNull((string?)seenByManager["startedBy"]);
        Assert.Empty(seenByDesigner["variables"]!.AsObject());
        Assert.Null((string?)seenByDesigner["startedBy"]);
        Assert.Equal(
            seenByManager["activeElementIds"]!.ToJsonString(),
            seenByDesigner["activeElementIds"]!.ToJsonString()
        );
        Assert.Null((string?)Assert.Single(listed["items"]!.AsArray())!["startedBy"]);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await designer.GetAsync($"/api/instances/{instance}/history")).StatusCode
        );
    }

    /// <summary>The case rule, written out independently of the server's code.</summary>
    private static int ExpectedForCase(string user, string endpoint, string bureau)
    {
        if (user is "manager" or "supervisor" or "admin" or "applicant.demo")
            return 200;
        if (user == "designer")
            return endpoint is "instance" or "clocks" or "list" ? 200 : 404;
        var handles = bureau == "kjj" ? user is "clerk.kjj" or "chief.kjj" : user == "clerk.crj";
        return handles ? 200 : 404;
    }

    // "list" answers 200 when the case is in GET /api/instances (filtered to its business key, total included), else 404.
    private static async Task<int> CaseStatusAsync(
        ServerHost host,
        HttpClient client,
        string endpoint,
        Guid instance
    )
    {
        if (endpoint == "list")
        {
            var businessKey = await host.QueryAsync(db =>
                db.Instances.Where(i => i.Id == instance).Select(i => i.BusinessKey!).SingleAsync()
            );
            var page = await client.GetObjectAsync(
                $"/api/instances?businessKey={Uri.EscapeDataString(businessKey)}"
            );
            var listed = page["items"]!
                .AsArray()
                .Any(i => (string?)i!["id"] == instance.ToString());
            Assert.Equal(listed ? 1 : 0, (int)page["total"]!);
            return listed ? 200 : 404;
        }
        var url = endpoint switch
        {
            "instance" => $"/api/instances/{instance}",
            "history" => $"/api/instances/{instance}/history",
            "clocks" => $"/api/instances/{instance}/clocks",
            "audit" => $"/api/instances/{instance}/audit",
            "attachments" => $"/api/instances/{instance}/attachments",
            "supplements" => $"/api/instances/{instance}/supplements",
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
        return (int)(await client.GetAsync(url)).StatusCode;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_the_expected_status_on_each_task_endpoint_of_each_bureau(
        string user,
        string endpoint,
        string bureau
    )
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var key = await KeyAsync(host, bureau);
        var (_, task) = await TaskClient.OpenAsync(host, key);
        var client = await host.As(user);

        var response = await CallAsync(client, endpoint, task);

        Assert.True(
            (int)response.StatusCode == Expected(user, endpoint, bureau),
            $"{user} {endpoint} on a {bureau} task: expected {Expected(user, endpoint, bureau)}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
    }

    /// <summary>The rule the matrix checks, written out independently of the server's code.</summary>
    private static int Expected(string user, string endpoint, string bureau)
    {
        var reader = user is "manager" or "supervisor" or "admin";
        var sees =
            reader
            || (bureau == "kjj" && user is "clerk.kjj" or "chief.kjj")
            || (bureau == "crj" && user == "clerk.crj");
        if (!sees)
            return 404;
        return endpoint switch
        {
            "get" or "comments.list" or "attachments.list" => 200,
            "assign" => user is "admin" or "chief.kjj" ? 200 : 403,
            "delegate" or "resolve" => reader ? 403 : 409,
            _ => reader ? 403 : 200,
        };
    }

    private static Task<HttpResponseMessage> CallAsync(
        HttpClient client,
        string endpoint,
        string task
    ) =>
        endpoint switch
        {
            "get" => client.GetAsync($"/api/tasks/{task}"),
            "claim" => client.PostAsJsonAsync($"/api/tasks/{task}/claim", new { }),
            "unclaim" => client.PostAsJsonAsync($"/api/tasks/{task}/unclaim", new { }),
            "complete" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/complete",
                new { variables = new { opinion = "fine" } }
            ),
            "assign" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/assign",
                new { userName = "clerk.kjj" }
            ),
            "delegate" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/delegate",
                new { userName = "chief.kjj" }
            ),
            "resolve" => client.PostAsJsonAsync($"/api/tasks/{task}/resolve", new { }),
            "reject" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/reject",
                new { reason = "not eligible" }
            ),
            "supplement" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/supplement",
                new { items = new[] { new { key = "passport" } } }
            ),
            "comments.list" => client.GetAsync($"/api/tasks/{task}/comments"),
            "comments.add" => client.PostAsJsonAsync(
                $"/api/tasks/{task}/comments",
                new { text = "note" }
            ),
            "attachments.list" => client.GetAsync($"/api/tasks/{task}/attachments"),
            "attachments.add" => client.PostAsync(
                $"/api/tasks/{task}/attachments",
                TaskClient.File(TaskClient.Pdf, "p.pdf", "application/pdf")
            ),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };

    private static async Task<string> KeyAsync(ServerHost host, string bureau)
    {
        await DeployLock.WaitAsync();
        try
        {
            var id = $"{host.GetHashCode()}:{bureau}";
            if (!Keys.TryGetValue(id, out var key))
            {
                key = Processes.NewKey("matrix" + bureau);
                await TaskClient.DeployAsync(
                    host,
                    TaskProcesses.Review(
                        key,
                        bureau == "kjj" ? Processes.KjjReviewers : TaskProcesses.CrjReviewers
                    )
                );
                Keys[id] = key;
            }
            return key;
        }
        finally
        {
            DeployLock.Release();
        }
    }
}
