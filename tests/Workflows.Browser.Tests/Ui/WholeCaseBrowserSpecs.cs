// One case across every role in the browser: portal submission, return for supplement, answer, acceptance, the two bureau
// reviews, the manager's dashboard and the applicant's rating; screenshots in both languages.
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests.Ui;

/// <summary>The workbench, dashboard and portal against a real server.</summary>
public sealed class WholeCaseBrowserSpecs(BrowserHost host) : IClassFixture<BrowserHost>
{
    [ChromiumFact]
    public async Task A_bundle_application_is_supplemented_accepted_reviewed_by_both_bureaus_shown_on_the_dashboard_and_rated()
    {
        var pdf = UiSession.SamplePdf();

        // The applicant submits the flagship bundle with every material in one go.
        var applicant = await UiSession.SignInAsync(host, "applicant.demo");
        await applicant.GotoAsync(host.BaseUrl + "/portal?procedure=work-residence-bundle");
        await applicant.WaitForSelectorAsync("#p-materials input[type=file]");
        Assert.Equal("7 个工作日", (await applicant.TextContentAsync("[data-testid=committed-limit]"))?.Trim());
        await applicant.FillAsync("#p-name", "约翰·史密斯 John Smith");
        foreach (var input in await applicant.QuerySelectorAllAsync("#p-materials input[type=file]"))
            await input.SetInputFilesAsync(pdf);
        await UiSession.ShotAsync(applicant, "portal.zh-CN");
        await applicant.ClickAsync("[data-testid=submit-application]");
        var link = applicant.Locator("[data-testid=case-link]");
        await link.WaitForAsync();
        var caseUrl = await link.GetAttributeAsync("href") ?? "";
        var businessKey = (await link.TextContentAsync())!.Trim();
        Assert.StartsWith("SW", businessKey);

        // The front desk finds it in the group queue and returns it for two missing items in one notice.
        var window = await UiSession.SignInAsync(host, "clerk.window");
        await window.GotoAsync($"{host.BaseUrl}/work?queue=group&businessKey={businessKey}");
        await window.WaitForSelectorAsync("[data-testid=task-list] table");
        Assert.Contains("约翰·史密斯", await window.TextContentAsync("[data-testid=task-list]"));
        Assert.Contains("正常", await window.TextContentAsync("[data-testid=task-list] .sla")); // the level in words, not colour alone
        await UiSession.ShotAsync(window, "work.zh-CN");
        await window.ClickAsync("[data-testid=task-list] a.button");
        await window.WaitForSelectorAsync("#checklist input", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await window.WaitForSelectorAsync("#diagram .wf-current");
        Assert.Equal(13, await window.Locator("#materials a").CountAsync());
        await UiSession.ShotAsync(window, "task.zh-CN");
        await window.ClickAsync("#supplement-box summary");
        await window.CheckAsync("#checklist input[value=passport]");
        await window.CheckAsync("#checklist input[value=photo]");
        await window.ClickAsync("[data-testid=send-notice]");
        await window.WaitForURLAsync(host.BaseUrl + "/work");

        // The applicant sees the notice with exactly those two items and answers it.
        await applicant.GotoAsync(host.BaseUrl + caseUrl);
        await applicant.WaitForSelectorAsync("[data-testid=answer-notice]");
        Assert.Equal(2, await applicant.Locator("[data-notice] input[type=file]").CountAsync());
        await UiSession.ShotAsync(applicant, "case-supplement.zh-CN");
        foreach (var input in await applicant.QuerySelectorAllAsync("[data-notice] input[type=file]"))
            await input.SetInputFilesAsync(pdf);
        await applicant.ClickAsync("[data-testid=answer-notice]");
        await applicant.WaitForSelectorAsync("#notices-panel", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });

        // The front desk accepts through the form-js form (the task came back to the clerk who returned it).
        await window.GotoAsync($"{host.BaseUrl}/work?queue=mine&businessKey={businessKey}");
        await window.ClickAsync("[data-testid=task-list] a.button");
        await window.CheckAsync("#task-form input[type=checkbox]");
        await window.GetByLabel(new System.Text.RegularExpressions.Regex("Acceptance notice number")).FillAsync("RCPT-0001");
        await window.ClickAsync("[data-testid=complete]");
        await window.WaitForURLAsync(host.BaseUrl + "/work");

        // Both bureau clerks complete their parallel reviews (in English).
        foreach (var clerk in new[] { "clerk.kjj", "clerk.crj" })
        {
            var page = await UiSession.SignInAsync(host, clerk, "en");
            await page.GotoAsync($"{host.BaseUrl}/work?queue=group&businessKey={businessKey}");
            await page.WaitForSelectorAsync("[data-testid=task-list] table");
            if (clerk == "clerk.kjj")
                await UiSession.ShotAsync(page, "work.en");
            await page.ClickAsync("[data-testid=task-list] a.button");
            await page.GetByLabel(new System.Text.RegularExpressions.Regex("Review opinion")).FillAsync("Complete and consistent.");
            await page.CheckAsync("#task-form input[type=checkbox]");
            if (clerk == "clerk.kjj")
                await UiSession.ShotAsync(page, "task.en");
            await page.ClickAsync("[data-testid=complete]");
            await page.WaitForURLAsync(host.BaseUrl + "/work");
        }

        // The manager sees the case among the open cases on the dashboard.
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            var manager = await UiSession.SignInAsync(host, "manager", lang);
            await manager.GotoAsync(host.BaseUrl + "/dashboard");
            await manager.WaitForSelectorAsync("[data-testid=open-cases] table");
            Assert.Contains(businessKey, await manager.TextContentAsync("[data-testid=open-cases]"));
            Assert.Equal(6, await manager.Locator(".chart canvas").CountAsync());
            await UiSession.ShotAsync(manager, "dashboard." + lang);
        }

        // The decisions and the card issue are not under test here: finish them through the API, as the chiefs would.
        await FinishWithApiAsync(businessKey);

        // The applicant is offered the rating and gives a poor one: the supervisor gets a follow-up.
        await applicant.GotoAsync(host.BaseUrl + caseUrl);
        await applicant.WaitForSelectorAsync("#rating-panel:not([hidden])");
        await UiSession.ShotAsync(applicant, "case-rating.zh-CN");
        await applicant.CheckAsync("#r-2");
        await applicant.FillAsync("#r-comment", "等待时间太长");
        await applicant.ClickAsync("[data-testid=send-rating]");
        await applicant.WaitForSelectorAsync("#rating-result .ok");
        var supervisor = await ApiAsync("supervisor");
        var notes = await supervisor.GetFromJsonAsync<JsonObject>("/api/notifications");
        Assert.Contains(notes!["items"]!.AsArray(), n => (string?)n!["kind"] == "rating.poor" && ((string?)n["subject"])!.Contains(businessKey, StringComparison.Ordinal));
    }

    [ChromiumFact]
    public async Task Workbench_dashboard_and_portal_render_in_both_languages_without_serious_accessibility_violations()
    {
        var pages = new (string User, string Path, string Ready, string Shot)[]
        {
            ("applicant.demo", "/portal?procedure=work-residence-bundle", "#p-materials input[type=file]", "portal"),
            ("clerk.window", "/work", "[data-testid=task-list] > *", "workbench-empty"),
            ("manager", "/dashboard", "#updated:not(:empty)", "dashboard-empty"),
        };
        var problems = new List<string>();
        foreach (var lang in new[] { "zh-CN", "en" })
            foreach (var (user, path, ready, shot) in pages)
            {
                var page = await UiSession.SignInAsync(host, user, lang);
                await page.GotoAsync(host.BaseUrl + path);
                await page.WaitForSelectorAsync(ready, new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
                Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
                problems.AddRange((await UiSession.SeriousViolationsAsync(page)).Select(v => $"{path} [{lang}] {v}"));
                if (shot == "portal" && lang == "en")
                    await UiSession.ShotAsync(page, "portal.en");
            }
        Assert.Empty(problems);
    }

    private async Task<HttpClient> ApiAsync(string user)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Requested-With", "spec");
        (await http.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "demo" })).EnsureSuccessStatusCode();
        return http;
    }

    // Drives the remaining staff steps until only the applicant's rating is left (no demo user sits in the exit-entry chief group,
    // so the admin assigns that decision to the science bureau chief).
    private async Task FinishWithApiAsync(string businessKey)
    {
        var admin = await ApiAsync("admin");
        var staff = new Dictionary<string, HttpClient> { ["clerk.window"] = await ApiAsync("clerk.window"), ["chief.kjj"] = await ApiAsync("chief.kjj") };
        var data = new Dictionary<string, object>
        {
            ["decision"] = new { decisionNumber = "DEC-0001" },
            ["card-issue"] = new { cardNumbers = "C-0001", delivery = "pickup" },
            ["card-collection"] = new { collectedBy = "John Smith", identityChecked = true },
        };
        for (var round = 0; round < 240; round++)
        {
            var page = await admin.GetFromJsonAsync<JsonObject>("/api/tasks?businessKey=" + businessKey);
            var open = page!["items"]!.AsArray().Select(t => t!.AsObject()).Where(t => t["completedAt"] is null).ToList();
            if (open.Any(t => (string?)t["formKey"] == "rating"))
                return;
            foreach (var task in open)
            {
                var id = (string)task["id"]!;
                var groups = string.Join(',', task["candidateGroups"]!.AsArray().Select(g => (string?)g));
                var who = groups.Contains("window", StringComparison.Ordinal) ? "clerk.window" : "chief.kjj";
                if (groups.Contains("crj/chief", StringComparison.Ordinal))
                    (await admin.PostAsJsonAsync($"/api/tasks/{id}/assign", new { userName = "chief.kjj" })).EnsureSuccessStatusCode();
                var body = new { variables = data.GetValueOrDefault((string?)task["formKey"] ?? "") ?? new { } };
                (await staff[who].PostAsJsonAsync($"/api/tasks/{id}/complete", body)).EnsureSuccessStatusCode();
            }
            if (open.Count == 0)
                await Task.Delay(500); // service tasks (card production) run in the background
        }
        Assert.Fail("The rating task was never offered.");
    }
}
