// One case across every role, every step through the pages as the user whose role it is: portal submission, return for
// supplement, answer, acceptance, the two bureau reviews, the manager's dashboard, a breach on a pushed clock (red on the
// dashboard, in the supervision list), both chiefs' decisions, the card issue at the front desk and the applicant's
// rating; screenshots of each page in both languages and the axe check on the main pages.
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Server.Jobs;

namespace Workflows.Browser.Tests.Ui;

/// <summary>The workbench, dashboard and portal against a real server whose clock the spec can push forward.</summary>
public sealed class WholeCaseBrowserSpecs(BreachHost host) : IClassFixture<BreachHost>
{
    private const string TaskList = "[data-testid=task-list]";

    [ChromiumFact]
    public async Task A_bundle_application_goes_from_submission_to_rating_with_every_step_done_in_the_browser_by_its_own_role()
    {
        var pdf = UiSession.SamplePdf();

        // The applicant submits the flagship bundle with every material in one go.
        var applicant = await SignInAsync("applicant.demo");
        await applicant.GotoAsync(host.BaseUrl + "/portal?procedure=work-residence-bundle");
        await applicant.WaitForSelectorAsync("#p-materials input[type=file]");
        Assert.Equal(
            "7 个工作日",
            (await applicant.TextContentAsync("[data-testid=committed-limit]"))?.Trim()
        );
        await UiSession.ShotBothLanguagesAsync(
            applicant,
            "portal",
            "#p-materials input[type=file]"
        );
        await applicant.FillAsync("#p-name", "约翰·史密斯 John Smith");
        foreach (
            var input in await applicant.QuerySelectorAllAsync("#p-materials input[type=file]")
        )
            await input.SetInputFilesAsync(pdf);
        await applicant.ClickAsync("[data-testid=submit-application]");
        var link = applicant.Locator("[data-testid=case-link]");
        await link.WaitForAsync();
        var caseUrl = await link.GetAttributeAsync("href") ?? "";
        var businessKey = (await link.TextContentAsync())!.Trim();
        Assert.StartsWith("SW", businessKey);

        // The front desk finds it in the group queue and returns it for two missing items in one notice.
        var window = await SignInAsync("clerk.window");
        await OpenQueueAsync(window, businessKey, "group");
        Assert.Contains("约翰·史密斯", await window.TextContentAsync(TaskList));
        Assert.Contains("正常", await window.TextContentAsync($"{TaskList} .sla")); // the level in words, not colour alone
        await UiSession.ShotBothLanguagesAsync(window, "work", $"{TaskList} table");
        await window.ClickAsync($"{TaskList} a.button");
        await window.WaitForSelectorAsync(
            "#checklist input",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached }
        );
        await window.WaitForSelectorAsync("#diagram .wf-current");
        Assert.Equal(13, await window.Locator("#materials a").CountAsync());
        await UiSession.ShotBothLanguagesAsync(window, "task", "#diagram .wf-current");
        await AssertAccessibleAsync(window, "task page");
        await window.ClickAsync("#supplement-box summary");
        await window.CheckAsync("#checklist input[value=passport]");
        await window.CheckAsync("#checklist input[value=photo]");
        await window.ClickAsync("[data-testid=send-notice]");
        await window.WaitForURLAsync(host.BaseUrl + "/work");

        // The applicant sees the notice with exactly those two items and answers it.
        await applicant.GotoAsync(host.BaseUrl + caseUrl);
        await applicant.WaitForSelectorAsync("[data-testid=answer-notice]");
        Assert.Equal(2, await applicant.Locator("[data-notice] input[type=file]").CountAsync());
        await UiSession.ShotBothLanguagesAsync(
            applicant,
            "case-supplement",
            "[data-testid=answer-notice]"
        );
        await AssertAccessibleAsync(applicant, "case page");
        foreach (
            var input in await applicant.QuerySelectorAllAsync("[data-notice] input[type=file]")
        )
            await input.SetInputFilesAsync(pdf);
        await applicant.ClickAsync("[data-testid=answer-notice]");
        await applicant.WaitForSelectorAsync(
            "#notices-panel",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden }
        );

        // The front desk accepts through the form-js form (the task came back to the clerk who returned it).
        await OpenTaskAsync(window, businessKey, "mine");
        await window.CheckAsync("#task-form input[type=checkbox]");
        await window.GetByLabel(new Regex("Acceptance notice number")).FillAsync("RCPT-0001");
        await CompleteAsync(window);

        // Both bureau clerks complete their parallel reviews (in English).
        foreach (var clerk in new[] { "clerk.kjj", "clerk.crj" })
        {
            var page = await SignInAsync(clerk, "en");
            await OpenTaskAsync(page, businessKey, "group");
            await page.GetByLabel(new Regex("Review opinion"))
                .FillAsync("Complete and consistent.");
            await page.CheckAsync("#task-form input[type=checkbox]");
            await CompleteAsync(page);
        }

        // The manager sees the case among the open cases on the dashboard, on time.
        var manager = await SignInAsync("manager");
        await manager.GotoAsync(host.BaseUrl + "/dashboard");
        Assert.Equal("green", await CaseLevelAsync(manager, businessKey));
        Assert.Equal(6, await manager.Locator(".chart canvas").CountAsync());
        await UiSession.ShotBothLanguagesAsync(
            manager,
            "dashboard",
            "[data-testid=open-cases] table"
        );

        // Three weeks pass with the decision untouched: the sweep fires the overdue SLA timers, the case turns red on the
        // manager's dashboard and the breach enters the supervision list.
        host.Clock.Advance(TimeSpan.FromDays(21));
        for (var i = 0; i < 3; i++)
            await host.Services.GetRequiredService<SweepJob>().RunAsync();
        manager = await SignInAsync("manager", "en");
        await manager.GotoAsync(host.BaseUrl + "/dashboard");
        Assert.Equal("red", await CaseLevelAsync(manager, businessKey));
        await manager.WaitForSelectorAsync("[data-testid=supervision] table");
        Assert.Contains(businessKey, await manager.TextContentAsync("[data-testid=supervision]"));
        await UiSession.ShotBothLanguagesAsync(
            manager,
            "dashboard-breach",
            "[data-testid=supervision] table"
        );

        // The work permit decision by the S&T chief, then the residence permit approval by the exit-entry chief.
        foreach (var chief in new[] { "chief.kjj", "chief.crj" })
        {
            var page = await SignInAsync(chief, "en");
            await OpenTaskAsync(page, businessKey, "group", "mine", "bureau");
            await page.GetByLabel(new Regex("Decision number"))
                .FillAsync(chief == "chief.kjj" ? "WP-2026-0001" : "RP-2026-0001");
            await CompleteAsync(page);
        }

        // Card production runs in the background; then the front desk issues both cards for pick-up.
        window = await SignInAsync("clerk.window");
        await OpenTaskAsync(window, businessKey, "group", "mine");
        await window.GetByLabel(new Regex("Card numbers")).FillAsync("WP-0001, RP-0001");
        await window.GetByLabel(new Regex("Pick up at the window")).CheckAsync();
        await CompleteAsync(window);

        // The applicant is offered the rating and gives a poor one: the supervisor gets a follow-up.
        applicant = await SignInAsync("applicant.demo");
        await applicant.GotoAsync(host.BaseUrl + caseUrl);
        await applicant.WaitForSelectorAsync(
            "#rating-panel:not([hidden])",
            new PageWaitForSelectorOptions { Timeout = 120_000 }
        );
        await UiSession.ShotBothLanguagesAsync(
            applicant,
            "case-rating",
            "#rating-panel:not([hidden])"
        );
        await applicant.CheckAsync("#r-2");
        await applicant.FillAsync("#r-comment", "等待时间太长");
        await applicant.ClickAsync("[data-testid=send-rating]");
        await applicant.WaitForSelectorAsync("#rating-result .ok");
        var supervisor = await ApiAsync("supervisor");
        var notes = await supervisor.GetFromJsonAsync<JsonObject>("/api/notifications");
        Assert.Contains(
            notes!["items"]!.AsArray(),
            n =>
                (string?)n!["kind"] == "rating.poor"
                && ((string?)n["subject"])!.Contains(businessKey, StringComparison.Ordinal)
        );

        // Every step above was done by its own user: the case's completed tasks name them.
        var admin = await ApiAsync("admin");
        var done = (
            await admin.GetFromJsonAsync<JsonObject>(
                "/api/tasks?status=Completed&pageSize=50&businessKey=" + businessKey
            )
        )!["items"]!
            .AsArray()
            .Select(t => t!.AsObject())
            .GroupBy(t => (string)t["elementId"]!)
            .ToDictionary(
                g => g.Key,
                g => string.Join(",", g.Select(t => (string?)t["completedBy"]).Distinct())
            );
        Assert.Equal("clerk.window", done["Task_WindowCheck"]);
        Assert.Equal("clerk.kjj", done["Task_WorkPermitReview"]);
        Assert.Equal("clerk.crj", done["Task_ResidencePreReview"]);
        Assert.Equal("chief.kjj", done["Task_WorkPermitDecision"]);
        Assert.Equal("chief.crj", done["Task_ResidenceDecision"]);
        Assert.Equal("clerk.window", done["Task_CardIssue"]);
        Assert.Equal("applicant.demo", done["Task_Rating"]);
    }

    [ChromiumFact]
    public async Task A_refused_application_tells_the_applicant_which_refusal_it_was_and_why_in_both_languages()
    {
        var applicant = await SignInAsync("applicant.demo");
        await applicant.GotoAsync(host.BaseUrl + "/portal?procedure=work-residence-bundle");
        await applicant.WaitForSelectorAsync("#p-materials input[type=file]");
        await applicant.FillAsync("#p-name", "Jane Roe");
        foreach (
            var input in await applicant.QuerySelectorAllAsync("#p-materials input[type=file]")
        )
            await input.SetInputFilesAsync(UiSession.SamplePdf());
        await applicant.ClickAsync("[data-testid=submit-application]");
        var link = applicant.Locator("[data-testid=case-link]");
        await link.WaitForAsync();
        var caseUrl = await link.GetAttributeAsync("href") ?? "";
        var businessKey = (await link.TextContentAsync())!.Trim();

        // The front desk refuses to accept it (the refusal's own page steps are not what this spec is about).
        using var window = await ApiAsync("clerk.window");
        string? taskId = null;
        for (var attempt = 0; attempt < 60 && taskId is null; attempt++)
        {
            var items = (
                await window.GetFromJsonAsync<JsonObject>(
                    $"/api/tasks?queue=group&businessKey={businessKey}"
                )
            )!["items"]!.AsArray();
            taskId = (string?)items.FirstOrDefault()?["id"];
            if (taskId is null)
                await Task.Delay(500);
        }
        Assert.NotNull(taskId);
        (
            await window.PostAsJsonAsync($"/api/tasks/{taskId}/claim", new { })
        ).EnsureSuccessStatusCode();
        (
            await window.PostAsJsonAsync(
                $"/api/tasks/{taskId}/reject",
                new { reason = "护照已过期 / passport expired" }
            )
        ).EnsureSuccessStatusCode();

        // The case page names the refusal by the end event the case went through (不予受理, not the generic wording), and the reason.
        foreach (var (lang, refusal) in new[] { ("zh-CN", "不予受理"), ("en", "Not accepted") })
        {
            var page = lang == "zh-CN" ? applicant : await SignInAsync("applicant.demo", lang);
            string? status = null;
            for (
                var attempt = 0;
                attempt < 60 && status?.Contains(refusal, StringComparison.Ordinal) != true;
                attempt++
            )
            {
                await page.GotoAsync(host.BaseUrl + caseUrl);
                await page.WaitForSelectorAsync("#timeline li");
                status = await page.TextContentAsync("#case-status");
                if (status?.Contains(refusal, StringComparison.Ordinal) != true)
                    await page.WaitForTimeoutAsync(500);
            }
            Assert.Contains(refusal, status);
            Assert.DoesNotContain("/", status!.Replace("· ", ""));
            Assert.Contains("passport expired", await page.TextContentAsync("#timeline"));
        }
    }

    [ChromiumFact]
    public async Task Signing_out_in_the_top_bar_ends_the_session_so_a_copy_of_its_cookie_is_refused()
    {
        var page = await SignInAsync("clerk.window");
        await page.GotoAsync(host.BaseUrl + "/work");
        await page.WaitForSelectorAsync("#logout");
        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == "workflows.auth");
        using var copy = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        copy.DefaultRequestHeaders.Add("Cookie", $"workflows.auth={cookie.Value}");
        Assert.Equal(
            System.Net.HttpStatusCode.OK,
            (await copy.GetAsync("/api/auth/me")).StatusCode
        );

        await page.ClickAsync("#logout");
        await page.WaitForURLAsync(u =>
            new Uri(u).AbsolutePath.StartsWith("/login", StringComparison.Ordinal)
        );

        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "workflows.auth");
        Assert.Equal(
            System.Net.HttpStatusCode.Unauthorized,
            (await copy.GetAsync("/api/auth/me")).StatusCode
        );
    }

    [ChromiumFact]
    public async Task Workbench_dashboard_and_portal_render_in_both_languages_without_serious_accessibility_violations()
    {
        var pages = new (string User, string Path, string Ready)[]
        {
            (
                "applicant.demo",
                "/portal?procedure=work-residence-bundle",
                "#p-materials input[type=file]"
            ),
            ("clerk.window", "/work", "[data-testid=task-list] > *"),
            ("manager", "/dashboard", "#updated:not(:empty)"),
        };
        var problems = new List<string>();
        foreach (var lang in new[] { "zh-CN", "en" })
        foreach (var (user, path, ready) in pages)
        {
            var page = await SignInAsync(user, lang);
            await page.GotoAsync(host.BaseUrl + path);
            await page.WaitForSelectorAsync(
                ready,
                new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached }
            );
            Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
            problems.AddRange(
                (await UiSession.SeriousViolationsAsync(page)).Select(v => $"{path} [{lang}] {v}")
            );
        }
        Assert.Empty(problems);
    }

    private Task<IPage> SignInAsync(string user, string lang = "zh-CN") =>
        UiSession.SignInAsync(host.BaseUrl, host.Browser, user, lang);

    // The workbench filtered to the case, in the first of the queues that holds a task of it; reloads while background
    // steps (card production) are still running.
    private async Task OpenQueueAsync(IPage page, string businessKey, params string[] queues)
    {
        for (var attempt = 0; attempt < 60; attempt++)
            foreach (var queue in queues)
            {
                await page.GotoAsync(
                    $"{host.BaseUrl}/work?queue={queue}&businessKey={businessKey}"
                );
                await page.WaitForSelectorAsync($"{TaskList} table, {TaskList} .empty");
                if (await page.Locator($"{TaskList} table").CountAsync() > 0)
                    return;
                await page.WaitForTimeoutAsync(500);
            }
        Assert.Fail(
            $"No task of {businessKey} in {string.Join('/', queues)} for {await page.TextContentAsync("[data-testid=current-user]")}."
        );
    }

    // Opens the case's task from the workbench and waits for its form.
    private async Task OpenTaskAsync(IPage page, string businessKey, params string[] queues)
    {
        await OpenQueueAsync(page, businessKey, queues);
        await page.ClickAsync($"{TaskList} a.button");
        await page.WaitForSelectorAsync("#task-form input, #task-form textarea");
    }

    private async Task CompleteAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=complete]");
        await page.WaitForURLAsync(host.BaseUrl + "/work");
    }

    // The SLA level the dashboard's open-case list shows for the case.
    private static async Task<string?> CaseLevelAsync(IPage page, string businessKey)
    {
        var row = page.Locator(
            "[data-testid=open-cases] tr",
            new PageLocatorOptions { HasText = businessKey }
        );
        await row.WaitForAsync();
        return await row.Locator(".sla").GetAttributeAsync("data-level");
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var violations = await UiSession.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{what}: {string.Join("; ", violations)}");
    }

    private async Task<HttpClient> ApiAsync(string user)
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
                new { userName = user, password = "demo" }
            )
        ).EnsureSuccessStatusCode();
        return http;
    }
}
