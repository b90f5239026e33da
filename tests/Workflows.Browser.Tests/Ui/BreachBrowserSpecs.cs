// An SLA breach seen in the browser: the clock is pushed past the front-desk step's limit, the sweep fires the overdue
// SLA timers, the workbench shows the task as overdue (in words) and the supervision list on the dashboard names the case.
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Jobs;

namespace Workflows.Browser.Tests.Ui;

/// <summary>Breach, red level and supervision in the UI.</summary>
public sealed class BreachBrowserSpecs(BreachHost host) : IClassFixture<BreachHost>
{
    [ChromiumFact]
    public async Task A_front_desk_task_past_its_limit_turns_red_on_the_workbench_and_enters_the_supervision_list()
    {
        var http = new HttpClient(
            new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }
        )
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        http.DefaultRequestHeaders.Add("X-Requested-With", "spec");
        (
            await http.PostAsJsonAsync(
                "/api/auth/login",
                new { userName = "applicant.demo", password = "demo" }
            )
        ).EnsureSuccessStatusCode();
        var businessKey = "SWBREACH" + Random.Shared.Next(100000, 999999);
        var started = await http.PostAsJsonAsync(
            "/api/instances",
            new
            {
                definitionKey = "work-residence-bundle",
                businessKey,
                variables = new
                {
                    applicantName = "Late Case",
                    applicantUser = "applicant.demo",
                    delivery = "pickup",
                },
            }
        );
        started.EnsureSuccessStatusCode();

        // Ten calendar days later the one-working-day front-desk step is overdue whatever the calendar says.
        host.Clock.Advance(TimeSpan.FromDays(10));
        for (var i = 0; i < 3; i++)
            await host.Services.GetRequiredService<SweepJob>().RunAsync();

        var clerk = await UiSession.SignInAsync(host.BaseUrl, host.Browser, "clerk.window", "en");
        await clerk.GotoAsync($"{host.BaseUrl}/work?queue=group&businessKey={businessKey}");
        await clerk.WaitForSelectorAsync("[data-testid=task-list] table");
        Assert.Equal(
            "red",
            await clerk.GetAttributeAsync("[data-testid=task-list] .sla", "data-level")
        );
        Assert.Contains("Overdue", await clerk.TextContentAsync("[data-testid=task-list] .sla"));

        var supervisor = await UiSession.SignInAsync(
            host.BaseUrl,
            host.Browser,
            "supervisor",
            "en"
        );
        await supervisor.GotoAsync(host.BaseUrl + "/dashboard");
        await supervisor.WaitForSelectorAsync("[data-testid=supervision] table");
        Assert.Contains(
            businessKey,
            await supervisor.TextContentAsync("[data-testid=supervision]")
        );
        await UiSession.ShotAsync(supervisor, "dashboard-breach.en");
        // The exports carry the same record: CSV with a BOM for Excel, and a workbook whose sheet names the case.
        var api = new HttpClient(
            new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }
        )
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        api.DefaultRequestHeaders.Add("X-Requested-With", "spec");
        (
            await api.PostAsJsonAsync(
                "/api/auth/login",
                new { userName = "supervisor", password = "demo" }
            )
        ).EnsureSuccessStatusCode();
        var csv = await api.GetByteArrayAsync("/api/dashboard/export?what=supervision&format=csv");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        Assert.Contains(
            "work-residence-bundle,Task_WindowCheck,window",
            System.Text.Encoding.UTF8.GetString(csv)
        );
        var xlsx = await api.GetByteArrayAsync(
            "/api/dashboard/export?what=supervision&format=xlsx"
        );
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx)))
        {
            using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
            Assert.Contains("Task_WindowCheck", await sheet.ReadToEndAsync());
        }

        await supervisor.ClickAsync("[data-testid=supervision] a");
        await supervisor.WaitForURLAsync("**/instances/**");
    }
}
