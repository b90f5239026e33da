// Every role × every task endpoint × own/foreign bureau: the status code the server answers.
using System.Net;
using System.Net.Http.Json;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>The authorization matrix on a SQLite host; each cell acts on a fresh task so cells never influence each other.</summary>
public sealed class AuthorizationMatrixSpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    private static readonly SemaphoreSlim DeployLock = new(1, 1);
    private static readonly Dictionary<string, string> Keys = [];

    /// <summary>The demo users of every role.</summary>
    public static readonly string[] Users = ["clerk.kjj", "clerk.crj", "chief.kjj", "manager", "supervisor", "designer", "applicant.demo", "admin"];

    /// <summary>The task endpoints.</summary>
    public static readonly string[] Endpoints =
        ["get", "claim", "unclaim", "complete", "assign", "delegate", "resolve", "reject", "supplement", "comments.list", "comments.add", "attachments.list", "attachments.add"];

    /// <summary>Every cell.</summary>
    public static IEnumerable<object[]> Cells() =>
        from user in Users from endpoint in Endpoints from bureau in new[] { "kjj", "crj" } select new object[] { user, endpoint, bureau };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_the_expected_status_on_each_task_endpoint_of_each_bureau(string user, string endpoint, string bureau)
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
        var sees = reader || (bureau == "kjj" && user is "clerk.kjj" or "chief.kjj") || (bureau == "crj" && user == "clerk.crj");
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

    private static Task<HttpResponseMessage> CallAsync(HttpClient client, string endpoint, string task) =>
        endpoint switch
        {
            "get" => client.GetAsync($"/api/tasks/{task}"),
            "claim" => client.PostAsJsonAsync($"/api/tasks/{task}/claim", new { }),
            "unclaim" => client.PostAsJsonAsync($"/api/tasks/{task}/unclaim", new { }),
            "complete" => client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { variables = new { opinion = "fine" } }),
            "assign" => client.PostAsJsonAsync($"/api/tasks/{task}/assign", new { userName = "clerk.kjj" }),
            "delegate" => client.PostAsJsonAsync($"/api/tasks/{task}/delegate", new { userName = "chief.kjj" }),
            "resolve" => client.PostAsJsonAsync($"/api/tasks/{task}/resolve", new { }),
            "reject" => client.PostAsJsonAsync($"/api/tasks/{task}/reject", new { reason = "not eligible" }),
            "supplement" => client.PostAsJsonAsync($"/api/tasks/{task}/supplement", new { items = new[] { new { key = "passport" } } }),
            "comments.list" => client.GetAsync($"/api/tasks/{task}/comments"),
            "comments.add" => client.PostAsJsonAsync($"/api/tasks/{task}/comments", new { text = "note" }),
            "attachments.list" => client.GetAsync($"/api/tasks/{task}/attachments"),
            "attachments.add" => client.PostAsync($"/api/tasks/{task}/attachments", TaskClient.File(TaskClient.Pdf, "p.pdf", "application/pdf")),
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
                await TaskClient.DeployAsync(host, TaskProcesses.Review(key, bureau == "kjj" ? Processes.KjjReviewers : TaskProcesses.CrjReviewers));
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
