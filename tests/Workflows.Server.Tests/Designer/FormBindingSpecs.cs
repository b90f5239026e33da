// A definition version uses the form versions it was published with: camunda:formKey and formRefBinding="deployment"
// take the form as saved at deployment, "latest" the newest, "version" the named one; the task form the API serves is
// the schema completion is validated against.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Designer;

/// <summary>Form version binding of user tasks, run once per database provider.</summary>
public abstract class FormBindingSpecs(HostFixture fixture)
{
    private const string V1 =
        """{"type":"default","components":[{"type":"textfield","key":"opinion","label":"Opinion","validate":{"required":true}}]}""";

    // v2 adds a required field: a task still on v1 must not ask for it, a task on v2 must.
    private const string V2 =
        """{"type":"default","components":[{"type":"textfield","key":"opinion","label":"Opinion","validate":{"required":true}},{"type":"textfield","key":"reason","label":"Reason","validate":{"required":true}}]}""";

    private static string WithForm(
        string key,
        string formAttributes,
        string name = "Form binding"
    ) =>
        Processes.Definitions(
            key,
            $$"""
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="review" name="Review" camunda:candidateGroups="{{Processes.KjjReviewers}}" {{formAttributes}}/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
            """,
            name: name
        );

    private static async Task<int> SaveFormAsync(HttpClient designer, string formKey, string schema)
    {
        var saved = await designer.PutAsync(
            $"/api/forms/{formKey}",
            new StringContent(schema, Encoding.UTF8, "application/json")
        );
        await ApiCalls.Expect(saved, HttpStatusCode.OK);
        return (int)(await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
    }

    // The task's form as the work page loads it: (version header, field keys).
    private static async Task<(int Version, string[] Fields)> TaskFormAsync(
        HttpClient clerk,
        string taskId
    )
    {
        var response = await clerk.GetAsync($"/api/tasks/{taskId}/form");
        await ApiCalls.Expect(response, HttpStatusCode.OK);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var fields = schema["components"]!.AsArray().Select(c => (string)c!["key"]!).ToArray();
        return (
            int.Parse(
                response.Headers.GetValues("X-Form-Version").Single(),
                System.Globalization.CultureInfo.InvariantCulture
            ),
            fields
        );
    }

    private static async Task<HttpResponseMessage> CompleteAsync(
        HttpClient clerk,
        string taskId,
        object variables
    )
    {
        await clerk.PostAsync($"/api/tasks/{taskId}/claim", null);
        return await clerk.PostJsonAsync($"/api/tasks/{taskId}/complete", new { variables });
    }

    [ProviderFact]
    public async Task Tasks_of_a_definition_validate_with_the_form_saved_when_it_was_published_and_are_served_that_form()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var clerk = await host.As("clerk.kjj");
        var key = Processes.NewKey("bind");
        var formKey = Processes.NewKey("form");
        Assert.Equal(1, await SaveFormAsync(designer, formKey, V1));
        await designer.DeployOkAsync(WithForm(key, $"camunda:formKey=\"{formKey}\""));
        var onOld = await designer.StartAsync(key);
        Assert.Equal(2, await SaveFormAsync(designer, formKey, V2));
        await designer.DeployOkAsync(
            WithForm(key, $"camunda:formKey=\"{formKey}\"", name: "Form binding, republished")
        );
        var onNew = await designer.StartAsync(key);
        var oldTask = await clerk.TaskIdOfAsync(onOld);
        var newTask = await clerk.TaskIdOfAsync(onNew);

        var oldForm = await TaskFormAsync(clerk, oldTask);
        var newForm = await TaskFormAsync(clerk, newTask);
        var oldDone = await CompleteAsync(clerk, oldTask, new { opinion = "ok" });
        var newRefused = await CompleteAsync(clerk, newTask, new { opinion = "ok" });
        var newDone = await clerk.PostJsonAsync(
            $"/api/tasks/{newTask}/complete",
            new { variables = new { opinion = "ok", reason = "complete file" } }
        );

        Assert.Equal(1, oldForm.Version);
        Assert.Equal(["opinion"], oldForm.Fields);
        Assert.Equal(2, newForm.Version);
        Assert.Equal(["opinion", "reason"], newForm.Fields);
        await ApiCalls.Expect(oldDone, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, newRefused.StatusCode);
        Assert.Contains("reason", await newRefused.Content.ReadAsStringAsync());
        await ApiCalls.Expect(newDone, HttpStatusCode.OK);
    }

    [ProviderFact]
    public async Task A_version_binding_keeps_the_named_version_and_a_latest_binding_follows_new_saves()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var clerk = await host.As("clerk.kjj");
        var pinnedKey = Processes.NewKey("pin");
        var latestKey = Processes.NewKey("latest");
        var formKey = Processes.NewKey("form");
        await SaveFormAsync(designer, formKey, V1);
        await designer.DeployOkAsync(
            WithForm(
                pinnedKey,
                $"camunda:formRef=\"{formKey}\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"1\""
            )
        );
        await designer.DeployOkAsync(
            WithForm(latestKey, $"camunda:formRef=\"{formKey}\" camunda:formRefBinding=\"latest\"")
        );
        var pinned = await clerk.TaskIdOfAsync(await designer.StartAsync(pinnedKey));
        var latest = await clerk.TaskIdOfAsync(await designer.StartAsync(latestKey));
        await SaveFormAsync(designer, formKey, V2);

        var pinnedForm = await TaskFormAsync(clerk, pinned);
        var latestForm = await TaskFormAsync(clerk, latest);
        var pinnedDone = await CompleteAsync(clerk, pinned, new { opinion = "ok" });
        var latestRefused = await CompleteAsync(clerk, latest, new { opinion = "ok" });

        Assert.Equal(1, pinnedForm.Version);
        Assert.Equal(["opinion"], pinnedForm.Fields);
        Assert.Equal(2, latestForm.Version);
        Assert.Equal(["opinion", "reason"], latestForm.Fields);
        await ApiCalls.Expect(pinnedDone, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.BadRequest, latestRefused.StatusCode);
    }

    [ProviderFact]
    public async Task A_binding_to_a_form_version_never_saved_is_refused_at_deploy_with_the_element_and_version()
    {
        var host = await fixture.SharedAsync(new HostOptions());
        var designer = await host.As("designer");
        var formKey = Processes.NewKey("form");
        await SaveFormAsync(designer, formKey, V1);
        var xml = WithForm(
            Processes.NewKey("unknown"),
            $"camunda:formRef=\"{formKey}\" camunda:formRefBinding=\"version\" camunda:formRefVersion=\"7\""
        );
        var badBinding = WithForm(
            Processes.NewKey("badbind"),
            $"camunda:formRef=\"{formKey}\" camunda:formRefBinding=\"newest\""
        );

        var deploy = await designer.DeployAsync(xml);
        var validate = await (
            await designer.PostAsync(
                "/api/definitions/validate",
                new StringContent(xml, Encoding.UTF8, "application/xml")
            )
        ).Content.ReadFromJsonAsync<JsonObject>();
        var bad = await designer.DeployAsync(badBinding);

        Assert.Equal(HttpStatusCode.BadRequest, deploy.StatusCode);
        var body = await deploy.Content.ReadAsStringAsync();
        Assert.Contains($"binds form '{formKey}' version 7, which has never been saved", body);
        var error = Assert.Single(validate!["errors"]!.AsArray());
        Assert.Equal("review", (string?)error!["elementId"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(
            "'newest' is not one of latest, deployment, version",
            await bad.Content.ReadAsStringAsync()
        );
    }
}

/// <summary>Form binding on a SQLite file.</summary>
public sealed class FormBindingOnSqlite(SqliteFixture fixture)
    : FormBindingSpecs(fixture),
        IClassFixture<SqliteFixture>;

/// <summary>Form binding on PostgreSQL.</summary>
[Postgres]
public sealed class FormBindingOnPostgres(PostgresFixture fixture)
    : FormBindingSpecs(fixture),
        IClassFixture<PostgresFixture>;
