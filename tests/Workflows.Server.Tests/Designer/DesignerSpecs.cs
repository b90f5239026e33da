// The designer API: validation while drawing, drafts that never run, publishing, diff, forms, migration and export.
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Designer;

/// <summary>Designer scenarios, run once per database provider.</summary>
public abstract class DesignerSpecs(HostFixture fixture)
{
    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    // v2 of Processes.UserTask: review kept, then a new approval task.
    private static string TwoTasks(string key) =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}" wf:slaLimit="5WD"/>
            <bpmn:userTask id="approve" name="Approve" camunda:candidateGroups="{{Processes.KjjReviewers}}"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve"/>
            <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
            """
        );

    [ProviderFact]
    public async Task Validate_names_the_element_and_line_of_each_error_and_accepts_a_valid_file()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");

        var broken = await (
            await designer.PostAsync(
                "/api/definitions/validate",
                Xml(Processes.DanglingFlow(Processes.NewKey("val")))
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var fine = await (
            await designer.PostAsync(
                "/api/definitions/validate",
                Xml(Processes.UserTask(Processes.NewKey("val")))
            )
        ).Content.ReadFromJsonAsync<JsonObject>();

        Assert.False((bool)broken!["valid"]!);
        var error = broken["errors"]!.AsArray()[0]!;
        Assert.False(string.IsNullOrEmpty((string?)error["elementId"]));
        Assert.True((int)error["line"]! > 0);
        Assert.True((bool)fine!["valid"]!);
    }

    [ProviderFact]
    public async Task A_draft_is_never_started_and_publishing_it_makes_the_next_version()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var key = Processes.NewKey("draft");
        await designer.DeployOkAsync(Processes.UserTask(key));

        var saved = await designer.PutAsync($"/api/definitions/{key}/draft", Xml(TwoTasks(key)));
        var started = await designer.StartAsync(key);
        var onV1 = await designer.InstanceAsync(started);
        var published = await designer.PostAsync($"/api/definitions/{key}/draft/publish", null);
        var versions = await designer.GetArrayAsync($"/api/definitions/{key}/versions");
        var draftAfter = await designer.GetAsync($"/api/definitions/{key}/draft");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, (int)onV1["version"]!);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        Assert.Equal("designer", (string?)versions[1]!["deployedBy"]);
        Assert.Equal(HttpStatusCode.NotFound, draftAfter.StatusCode);
    }

    [ProviderFact]
    public async Task A_draft_of_a_new_key_cannot_be_started_and_an_invalid_draft_is_not_published()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var key = Processes.NewKey("newdraft");
        var broken = Processes.DanglingFlow(key);

        await designer.PutAsync($"/api/definitions/{key}/draft", Xml(broken));
        var start = await designer.PostJsonAsync("/api/instances", new { definitionKey = key });
        var publish = await designer.PostAsync($"/api/definitions/{key}/draft/publish", null);
        var clerk = await host.As("clerk.kjj");
        var clerkSave = await clerk.PutAsync($"/api/definitions/{key}/draft", Xml(broken));

        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clerkSave.StatusCode);
    }

    [ProviderFact]
    public async Task Diff_lists_added_and_changed_elements_with_the_changed_attributes()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var key = Processes.NewKey("diff");
        await designer.DeployOkAsync(Processes.UserTask(key));
        await designer.DeployOkAsync(TwoTasks(key));

        var diff = await designer.GetObjectAsync($"/api/definitions/{key}/diff?from=1&to=2");

        Assert.Contains(diff["added"]!.AsArray(), e => (string?)e!["elementId"] == "approve");
        var review = Assert.Single(
            diff["changed"]!.AsArray(),
            e => (string?)e!["elementId"] == "review"
        );
        Assert.Contains(
            "wf:slaLimit",
            review!["changedAttributes"]!.AsArray().Select(a => (string?)a)
        );
        Assert.Empty(diff["removed"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_mapping_that_leaves_a_token_nowhere_is_refused()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var key = Processes.NewKey("refuse");
        await designer.DeployOkAsync(Processes.UserTask(key));
        var id = await designer.StartAsync(key);
        await designer.DeployOkAsync(
            TwoTasks(key)
                .Replace("\"review\"", "\"review2\"")
                .Replace("sourceRef=\"review\"", "sourceRef=\"review2\"")
        );

        var plan = await (
            await designer.PostJsonAsync(
                $"/api/definitions/{key}/migrations/plan",
                new { from = 1, to = 2 }
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var dry = await (
            await designer.PostJsonAsync(
                $"/api/definitions/{key}/migrations/dry-run",
                new
                {
                    from = 1,
                    to = 2,
                    mapping = new { },
                }
            )
        ).Content.ReadFromJsonAsync<JsonArray>();
        var run = await designer.PostJsonAsync(
            $"/api/definitions/{key}/migrations",
            new
            {
                from = 1,
                to = 2,
                mapping = new { review = "end" },
            }
        );

        Assert.Contains("review", plan!["unmapped"]!.AsArray().Select(x => (string?)x));
        var verdict = Assert.Single(dry!, d => (Guid)d!["instanceId"]! == id);
        Assert.False((bool)verdict!["canMigrate"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, run.StatusCode);
        Assert.Equal(1, (int)(await designer.InstanceAsync(id))["version"]!);
    }

    [ProviderFact]
    public async Task A_migrated_instance_completes_on_the_new_version_without_repeating_the_completed_task()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var clerk = await host.As("clerk.kjj");
        var key = Processes.NewKey("migrate");
        // v1: review → approve; v2: review → approve2 → check.
        await designer.DeployOkAsync(TwoTasks(key));
        var id = await designer.StartAsync(key, "MIG-1");
        await CompleteOnlyTaskAsync(clerk, id);
        await designer.DeployOkAsync(
            Processes.Definitions(
                key,
                $$"""
                <bpmn:startEvent id="start"/>
                <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}"/>
                <bpmn:userTask id="approve2" name="Approve" camunda:candidateGroups="{{Processes.KjjReviewers}}"/>
                <bpmn:userTask id="check" name="Check" camunda:candidateGroups="{{Processes.KjjReviewers}}"/>
                <bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve2"/>
                <bpmn:sequenceFlow id="f3" sourceRef="approve2" targetRef="check"/>
                <bpmn:sequenceFlow id="f4" sourceRef="check" targetRef="end"/>
                """
            )
        );

        var run = await designer.PostJsonAsync(
            $"/api/definitions/{key}/migrations",
            new
            {
                from = 1,
                to = 2,
                mapping = new { approve = "approve2" },
                instanceIds = new[] { id },
            }
        );
        Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        var migrated = await ApiCalls.EventuallyAsync(
            () => designer.InstanceAsync(id),
            i => (int)i["version"]! == 2,
            "instance on version 2"
        );
        Assert.Equal(["approve2"], migrated["activeElementIds"]!.AsArray().Select(x => (string?)x));
        var task = Assert.Single(await clerk.TasksOfAsync(id));
        Assert.Equal("approve2", (string?)task!["elementId"]);

        await CompleteOnlyTaskAsync(clerk, id);
        await CompleteOnlyTaskAsync(clerk, id);
        var done = await designer.WaitForStatusAsync(id, "Completed");
        var history = await designer.GetArrayAsync($"/api/instances/{id}/history");

        Assert.Single(done["completedElementIds"]!.AsArray(), x => (string?)x == "review");
        Assert.Contains("check", done["completedElementIds"]!.AsArray().Select(x => (string?)x));
        var audit = Assert.Single(history, h => (string?)h!["action"] == "instance.migrated");
        Assert.Equal("approve2", (string?)audit!["data"]!["mapping"]!["approve"]);
    }

    [ProviderFact]
    public async Task Forms_are_listed_saved_as_new_versions_and_exported_with_the_latest_definitions()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var key = Processes.NewKey("export");
        await designer.DeployOkAsync(Processes.UserTask(key));
        var formKey = Processes.NewKey("form");
        var schema =
            """{"type":"default","components":[{"type":"textfield","key":"opinion","label":"Opinion","validate":{"required":true}}]}""";

        var first = await (
            await designer.PutAsync(
                $"/api/forms/{formKey}",
                new StringContent(schema, Encoding.UTF8, "application/json")
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var second = await (
            await designer.PutAsync(
                $"/api/forms/{formKey}",
                new StringContent(
                    schema.Replace("Opinion", "Opinion (required)"),
                    Encoding.UTF8,
                    "application/json"
                )
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var notAForm = await designer.PutAsync(
            $"/api/forms/{formKey}",
            new StringContent("[1,2]", Encoding.UTF8, "application/json")
        );
        var list = await designer.GetArrayAsync("/api/forms");
        var latest = await designer.GetStringAsync($"/api/forms/{formKey}");
        var zipBytes = await designer.GetByteArrayAsync("/api/definitions/export");
        using var zip = new ZipArchive(new MemoryStream(zipBytes));

        Assert.Equal(1, (int)first!["version"]!);
        Assert.Equal(2, (int)second!["version"]!);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Contains(list, f => (string?)f!["key"] == formKey && (int)f["latestVersion"]! == 2);
        Assert.Contains("Opinion (required)", latest);
        Assert.Contains(zip.Entries, e => e.FullName == $"processes/{key}.bpmn");
        Assert.Contains(zip.Entries, e => e.FullName == $"forms/{formKey}.form.json");
    }

    private static async Task CompleteOnlyTaskAsync(HttpClient clerk, Guid id)
    {
        var task = await clerk.TaskIdOfAsync(id);
        await clerk.PostAsync($"/api/tasks/{task}/claim", null);
        var response = await clerk.PostJsonAsync(
            $"/api/tasks/{task}/complete",
            new { variables = new { opinion = "ok" } }
        );
        await ApiCalls.Expect(response, HttpStatusCode.OK, HttpStatusCode.NoContent);
    }
}

/// <summary>Designer scenarios on a SQLite file.</summary>
public sealed class DesignerOnSqlite(SqliteFixture fixture)
    : DesignerSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Designer scenarios on PostgreSQL.</summary>
[Postgres]
public sealed class DesignerOnPostgres(PostgresFixture fixture)
    : DesignerSpecs(fixture),
        IClassFixture<PostgresFixture>;
