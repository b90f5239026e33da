// End-to-end specs of the designer in Chromium: sign in, draw, set routing and SLA in the properties panel, validation
// markers, publish, diff, dry run.
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Workflows.Browser.Tests;

/// <summary>The designer in a real browser against a real server.</summary>
public sealed class DesignerBrowserSpecs(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly string Shots = Path.Combine(
        BrowserHost.RepoRoot,
        "docs",
        "screenshots"
    );

    private async Task<IPage> SignedInPageAsync()
    {
        var context = await host.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
                Locale = "zh-CN",
            }
        );
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/designer");
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("#userName", "designer");
        await page.FillAsync("#password", "demo");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync(
            ".designer[data-ready=true]",
            new PageWaitForSelectorOptions { Timeout = 60_000 }
        );
        return page;
    }

    // Opens a group of the properties panel by clicking its header (groups other than "general" start closed).
    private static async Task OpenPanelGroupAsync(IPage page, string groupId)
    {
        var group = page.Locator($"#properties [data-group-id='group-{groupId}']");
        if (await group.Locator(".bio-properties-panel-group-entries.open").CountAsync() == 0)
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
        await group.Locator(".bio-properties-panel-group-entries.open").WaitForAsync();
    }

    private static async Task ClosePanelGroupAsync(IPage page, string groupId)
    {
        var group = page.Locator($"#properties [data-group-id='group-{groupId}']");
        if (await group.Locator(".bio-properties-panel-group-entries.open").CountAsync() > 0)
            await group.Locator(".bio-properties-panel-group-header").ClickAsync();
    }

    [ChromiumFact]
    public async Task A_designer_draws_sets_routing_and_sla_sees_validation_publishes_compares_and_dry_runs_a_migration()
    {
        var page = await SignedInPageAsync();
        var key = "browser-" + Guid.NewGuid().ToString("N")[..6];
        // Name the new procedure in the key field: the diagram is re-imported under the new process id.
        await page.FillAsync("#process-key", key);
        await page.PressAsync("#process-key", "Tab");
        await page.WaitForFunctionAsync(
            "k => { try { return window.modeler.get('canvas').getRootElement()?.businessObject?.id === k; } catch { return false; } }",
            key
        );

        // Draw through the bpmn-js API: start → user task (with a timer boundary event) → end.
        await page.EvaluateAsync(
            """
            () => {
              const m = window.modeler, modeling = m.get('modeling'), factory = m.get('elementFactory'), reg = m.get('elementRegistry');
              const root = m.get('canvas').getRootElement();
              const start = reg.get('start');
              const task = modeling.createShape(factory.createShape({ type: 'bpmn:UserTask' }), { x: 360, y: 178 }, root);
              modeling.updateProperties(task, { id: 'review', name: '审核' });
              const end = modeling.createShape(factory.createShape({ type: 'bpmn:EndEvent' }), { x: 560, y: 178 }, root);
              modeling.updateProperties(end, { id: 'done' });
              modeling.connect(start, task);
              modeling.connect(task, end);
              const timer = factory.createShape({ type: 'bpmn:BoundaryEvent', eventDefinitionType: 'bpmn:TimerEventDefinition' });
              const boundary = modeling.createShape(timer, { x: 380, y: 218 }, task, { attach: true });
              modeling.updateProperties(boundary, { id: 'late' });
            }
            """
        );
        // The timer boundary event has no duration and no outgoing flow yet: the server says so and the canvas marks it.
        await page.WaitForSelectorAsync(
            "#errors li[data-element=late]",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        Assert.True(await page.Locator("g[data-element-id=late].wf-invalid").CountAsync() > 0);

        // Fix it through the API, then set candidate groups and the SLA limit in the properties panel (real UI).
        await page.EvaluateAsync(
            """
            () => {
              const m = window.modeler, modeling = m.get('modeling'), reg = m.get('elementRegistry'), moddle = m.get('moddle');
              const late = reg.get('late');
              const def = late.businessObject.eventDefinitions[0];
              modeling.updateModdleProperties(late, def, { timeDuration: moddle.create('bpmn:FormalExpression', { body: 'P3D' }) });
              modeling.connect(late, reg.get('done'));
              m.get('selection').select(reg.get('review'));
            }
            """
        );
        // Candidate groups: typed into the panel's field, a second one picked from the directory list beside it.
        await OpenPanelGroupAsync(page, "CamundaPlatform__UserAssignment");
        await page.FillAsync("#bio-properties-panel-candidateGroups", "bureau:kjj/reviewer");
        await page.WaitForFunctionAsync(
            "() => window.modeler.get('elementRegistry').get('review').businessObject.get('camunda:candidateGroups') === 'bureau:kjj/reviewer'"
        );
        await page.SelectOptionAsync("#bio-properties-panel-wf-addGroup", "bureau:window/chief");
        // SLA / 时限: limit, warning and escalation typed into our group.
        await OpenPanelGroupAsync(page, "wf-sla");
        await page.FillAsync("#bio-properties-panel-wf-slaLimit", "5WD");
        await page.FillAsync("#bio-properties-panel-wf-slaWarning", "80%");
        await page.FillAsync("#bio-properties-panel-wf-escalation", "assign:chief");
        await OpenPanelGroupAsync(page, "general");
        await page.FillAsync("#bio-properties-panel-wf-nameEn", "Review");
        await page.WaitForFunctionAsync(
            "() => window.modeler.get('elementRegistry').get('review').businessObject.get('wf:escalation') === 'assign:chief'"
        );
        // A malformed limit is marked in the field and by the server's validation; clearing it clears both.
        await page.FillAsync("#bio-properties-panel-wf-slaStatutoryLimit", "five days");
        await page.WaitForSelectorAsync(
            "[data-entry-id=wf-slaStatutoryLimit] .bio-properties-panel-error"
        );
        await page.WaitForSelectorAsync(
            "#errors li[data-element=review]",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        await page.FillAsync("#bio-properties-panel-wf-slaStatutoryLimit", "");
        await page.WaitForSelectorAsync(
            "[data-entry-id=wf-slaStatutoryLimit] .bio-properties-panel-error",
            new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached }
        );
        var attrs = await page.EvaluateAsync<JsonElement>(
            "() => { const bo = window.modeler.get('elementRegistry').get('review').businessObject; return { g: bo.get('camunda:candidateGroups'), l: bo.get('wf:slaLimit'), s: bo.get('wf:slaStatutoryLimit') || null }; }"
        );
        Assert.Equal("bureau:kjj/reviewer,bureau:window/chief", attrs.GetProperty("g").GetString());
        Assert.Equal("5WD", attrs.GetProperty("l").GetString());
        Assert.Equal(JsonValueKind.Null, attrs.GetProperty("s").ValueKind);
        await page.WaitForSelectorAsync(
            "#validity.ok",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        // The screenshot shows the SLA group: the groups above it are folded away.
        await ClosePanelGroupAsync(page, "general");
        await ClosePanelGroupAsync(page, "CamundaPlatform__UserAssignment");
        await page.Locator("#properties [data-group-id='group-wf-sla']")
            .ScrollIntoViewIfNeededAsync();
        Directory.CreateDirectory(Shots);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(Shots, "designer-sla-panel.png") }
        );

        // Publish v1: the deployed XML carries what the panel set.
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync(
            "#versions tr[data-version='1']",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        var deployed = XDocument.Parse(
            await page.EvaluateAsync<string>(
                $"async () => (await fetch('/api/definitions/{key}/versions/1/xml')).text()"
            )
        );
        XNamespace camunda = "http://camunda.org/schema/1.0/bpmn",
            wf = "http://workflows.city/schema/bpmn/1.0";
        var review = deployed.Descendants().Single(e => (string?)e.Attribute("id") == "review");
        Assert.Equal(
            "bureau:kjj/reviewer,bureau:window/chief",
            (string?)review.Attribute(camunda + "candidateGroups")
        );
        Assert.Equal("5WD", (string?)review.Attribute(wf + "slaLimit"));
        Assert.Equal("80%", (string?)review.Attribute(wf + "slaWarning"));
        Assert.Equal("assign:chief", (string?)review.Attribute(wf + "escalation"));
        Assert.Equal("Review", (string?)review.Attribute(wf + "nameEn"));

        // Change the SLA in the panel, publish v2.
        await page.EvaluateAsync(
            "() => window.modeler.get('selection').select(window.modeler.get('elementRegistry').get('review'))"
        );
        await OpenPanelGroupAsync(page, "wf-sla");
        await page.FillAsync("#bio-properties-panel-wf-slaLimit", "3WD");
        await page.WaitForFunctionAsync(
            "() => window.modeler.get('elementRegistry').get('review').businessObject.get('wf:slaLimit') === '3WD'"
        );
        await page.ClickAsync("#publish");
        await page.WaitForSelectorAsync(
            "#versions tr[data-version='2']",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(Shots, "designer.png") }
        );

        // Compare 1 and 2: the review task is marked changed, with the attribute named.
        await page.SelectOptionAsync("#diff-from", "1");
        await page.SelectOptionAsync("#diff-to", "2");
        await page.ClickAsync("#compare");
        await page.WaitForSelectorAsync(
            "#diff li.diff-changed",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        Assert.Contains("wf:slaLimit", await page.InnerTextAsync("#diff"));
        Assert.True(
            await page.Locator("g[data-element-id=review].wf-diff-changed").CountAsync() > 0
        );
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(Shots, "diff.png") }
        );

        // Start an instance on v1 and dry-run its migration to v2.
        var instanceId = await page.EvaluateAsync<string>(
            $$"""
            async () => {
              const r = await fetch('/api/instances', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ definitionKey: '{{key}}', version: 1, businessKey: 'BROWSER-1' }) });
              return (await r.json()).id;
            }
            """
        );
        await page.SelectOptionAsync("#mig-from", "1");
        await page.SelectOptionAsync("#mig-to", "2");
        await page.ClickAsync("#mig-plan");
        await page.WaitForSelectorAsync("#mig-mapping select[data-source=review]");
        await page.ClickAsync("#mig-dry");
        await page.WaitForSelectorAsync(
            "#mig-result li.diff-added",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        Assert.Contains("BROWSER-1", await page.InnerTextAsync("#mig-result"));

        // The live view of the instance highlights the active task.
        await page.GotoAsync($"{host.BaseUrl}/instances/{instanceId}");
        await page.WaitForSelectorAsync(
            ".instance[data-ready=true]",
            new PageWaitForSelectorOptions { Timeout = 30_000 }
        );
        Assert.True(await page.Locator("g[data-element-id=review].wf-active").CountAsync() > 0);
        await page.ScreenshotAsync(
            new PageScreenshotOptions { Path = Path.Combine(Shots, "instance.png") }
        );
    }
}
