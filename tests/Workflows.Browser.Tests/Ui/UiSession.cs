// Signing in as a demo user in a chosen language, and the axe check every main page must pass.
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests.Ui;

/// <summary>Helpers shared by the workbench, dashboard and portal specs.</summary>
internal static class UiSession
{
    /// <summary>Where the screenshots for the README go.</summary>
    public static readonly string Shots = Path.Combine(BrowserHost.RepoRoot, "docs", "screenshots");

    /// <summary>A fresh browser context signed in as <paramref name="user"/> (password "demo") with the UI in <paramref name="lang"/>.</summary>
    public static Task<IPage> SignInAsync(BrowserHost host, string user, string lang = "zh-CN") =>
        SignInAsync(host.BaseUrl, host.Browser, user, lang);

    /// <summary>The same against any server and browser.</summary>
    public static async Task<IPage> SignInAsync(
        string baseUrl,
        IBrowser browser,
        string user,
        string lang = "zh-CN"
    )
    {
        var context = await browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
                Locale = lang == "en" ? "en-US" : "zh-CN",
            }
        );
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/culture/{lang}?returnUrl=/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(u =>
            !new Uri(u).AbsolutePath.StartsWith("/login", StringComparison.Ordinal)
        );
        return page;
    }

    /// <summary>Saves a full-page screenshot under docs/screenshots.</summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        await page.WaitForTimeoutAsync(500); // charts and the diagram finish drawing after their data arrives
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(Shots, name + ".png"), FullPage = true }
        );
    }

    /// <summary>
    /// Saves the page in its current language and in the other one (switching the culture cookie and reloading until
    /// <paramref name="ready"/> is on the page), then switches back; names are <c>{name}.zh-CN.png</c> and <c>{name}.en.png</c>.
    /// </summary>
    public static async Task ShotBothLanguagesAsync(IPage page, string name, string ready)
    {
        var lang = await page.GetAttributeAsync("html", "lang") ?? "zh-CN";
        var other = lang == "en" ? "zh-CN" : "en";
        var url = new Uri(page.Url);
        var origin = url.GetLeftPart(UriPartial.Authority);
        await ShotAsync(page, $"{name}.{lang}");
        foreach (var (to, shoot) in new[] { (other, true), (lang, false) })
        {
            await page.GotoAsync(
                $"{origin}/culture/{to}?returnUrl={Uri.EscapeDataString(url.PathAndQuery)}"
            );
            await page.WaitForSelectorAsync(
                ready,
                new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached }
            );
            if (shoot)
                await ShotAsync(page, $"{name}.{to}");
        }
    }

    /// <summary>The serious and critical axe violations of the page (rule id and the first offending element).</summary>
    public static async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result
            .Violations.Where(v => v.Impact is "serious" or "critical")
            // The bpmn-js canvas and ECharts draw SVG/canvas content that is described by the surrounding region's label.
            .Select(v =>
                $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(2).Select(n => n.Html))}"
            )
            .ToList();
    }

    /// <summary>A tiny PDF to upload as a material.</summary>
    public static string SamplePdf()
    {
        var path = Path.Combine(Path.GetTempPath(), "wf-ui-sample.pdf");
        File.WriteAllText(path, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        return path;
    }
}
