// Lists and counts never leak a foreign task: each role's inbox holds exactly what it may see.
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Tasks;

namespace Workflows.Server.Tests.Authorization;

/// <summary>A fresh database with 2 S&amp;T tasks, 3 exit-entry tasks and one rating task assigned to the applicant.</summary>
public sealed class VisibilitySpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    [Fact]
    public async Task Lists_queues_and_counts_hold_exactly_the_tasks_each_role_may_see()
    {
        var host = await fixture.StartAsync();
        var kjj = Processes.NewKey("viskjj");
        var crj = Processes.NewKey("viscrj");
        var rating = Processes.NewKey("visrate");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(kjj));
        await TaskClient.DeployAsync(host, TaskProcesses.Review(crj, TaskProcesses.CrjReviewers));
        await TaskClient.DeployAsync(
            host,
            TaskProcesses.Review(rating, assignee: "applicant.demo")
        );
        var kjjTasks = new[]
        {
            (await TaskClient.OpenAsync(host, kjj)).Task,
            (await TaskClient.OpenAsync(host, kjj)).Task,
        };
        var crjTasks = new[]
        {
            (await TaskClient.OpenAsync(host, crj)).Task,
            (await TaskClient.OpenAsync(host, crj)).Task,
            (await TaskClient.OpenAsync(host, crj)).Task,
        };
        var ratingTask = (await TaskClient.OpenAsync(host, rating)).Task;

        Assert.Equal(kjjTasks.Order(), await IdsAsync(host, "clerk.kjj", "/api/tasks?queue=group"));
        Assert.Equal(
            kjjTasks.Append(ratingTask).Order(),
            await IdsAsync(host, "chief.kjj", "/api/tasks?queue=bureau")
        );
        Assert.Equal(crjTasks.Order(), await IdsAsync(host, "clerk.crj", "/api/tasks"));
        Assert.Equal(crjTasks.Order(), await IdsAsync(host, "clerk.crj", "/api/tasks?queue=group"));
        Assert.Equal([ratingTask], await IdsAsync(host, "applicant.demo", "/api/tasks"));
        Assert.Empty(await IdsAsync(host, "designer", "/api/tasks"));
        Assert.Equal(
            kjjTasks.Concat(crjTasks).Append(ratingTask).Order(),
            await IdsAsync(host, "manager", "/api/tasks")
        );
        Assert.DoesNotContain(
            crjTasks[0],
            await IdsAsync(host, "clerk.kjj", $"/api/tasks?businessKey=&procedure={crj}")
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await (await host.As("clerk.kjj")).GetAsync("/api/tasks?queue=bureau")).StatusCode
        );

        await AssertCountsAsync(host, "clerk.kjj", mine: 0, group: 2, bureau: null);
        await AssertCountsAsync(host, "chief.kjj", mine: 0, group: 2, bureau: 3); // the rating task also belongs to the S&T bureau
        await AssertCountsAsync(host, "clerk.crj", mine: 0, group: 3, bureau: null);
        await AssertCountsAsync(host, "applicant.demo", mine: 1, group: 0, bureau: null);
        await AssertCountsAsync(host, "designer", mine: 0, group: 0, bureau: null);

        var applicant = await host.As("applicant.demo");
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await applicant.PostAsJsonAsync(
                    $"/api/tasks/{ratingTask}/complete",
                    new { variables = new { opinion = "very satisfied" } }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await host.Anonymous().GetAsync("/api/tasks")).StatusCode
        );
    }

    private static async Task<List<string>> IdsAsync(ServerHost host, string user, string url)
    {
        var page = await (await host.As(user)).GetObjectAsync(
            url + (url.Contains('?') ? "&" : "?") + "pageSize=200"
        );
        return page["items"]!.AsArray().Select(t => (string)t!["id"]!).Order().ToList();
    }

    private static async Task AssertCountsAsync(
        ServerHost host,
        string user,
        int mine,
        int group,
        int? bureau
    )
    {
        var counts = await (await host.As(user)).GetObjectAsync("/api/tasks/counts");
        Assert.True(
            (int)counts["mine"]! == mine
                && (int)counts["group"]! == group
                && (int?)counts["bureau"] == bureau
                && (int)counts["suspended"]! == 0,
            $"{user}: {counts.ToJsonString()}"
        );
    }
}
