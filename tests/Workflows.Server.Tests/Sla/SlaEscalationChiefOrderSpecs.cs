// wf:escalation="assign:chief" with two section chiefs in the bureau: the first by user name takes the task.
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Sla;

/// <summary>A second S&amp;T chief is created here, so this runs on its own database (its own fixture).</summary>
public sealed class SlaEscalationChiefOrderSpecs(SqliteFixture fixture)
    : IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task With_two_chiefs_in_the_bureau_the_first_by_user_name_is_assigned()
    {
        var time = new SettableTime(SettableTime.Local(2026, 3, 6));
        var host = await SlaHost.StartAsync(fixture, time);
        var admin = await host.As("admin");
        // "chief.abc" sorts before the demo directory's "chief.kjj".
        var created = await admin.PostAsJsonAsync(
            "/api/admin/users",
            new
            {
                userName = "chief.abc",
                password = "A-long-password-1",
                displayName = "第二科长",
                bureau = "kjj",
                roles = new[] { "chief" },
                groups = new[] { "bureau:kjj/chief" },
            }
        );
        await ApiCalls.Expect(created, HttpStatusCode.Created);
        var key = Processes.NewKey("esc");
        await (await host.As("designer")).DeployOkAsync(
            SlaProcesses.TaskWithEscalation(key, "2WD", "assign:chief")
        );
        var id = await admin.StartAsync(key);
        var taskId = await (await host.As("clerk.kjj")).TaskIdOfAsync(id);

        time.Now = SettableTime.Local(2026, 3, 10, 17, 31);
        await SlaHost.FireDueAsync(host, time);

        var task = await host.QueryAsync(db =>
            db.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId)
        );
        Assert.Equal("chief.abc", task.Assignee);
        var notices = await SlaHost.NotificationsAsync(host, id);
        Assert.Equal(
            ["chief.abc"],
            notices
                .Where(n => n.Kind == "sla.reassigned" && n.Channel == "inapp")
                .Select(n => n.Recipient)
        );
        // Both chiefs hear about the breach itself.
        Assert.Equal(
            ["chief.abc", "chief.kjj"],
            notices
                .Where(n => n.Kind == "sla.escalation" && n.Channel == "inapp")
                .Select(n => n.Recipient)
                .Order()
        );
    }
}
