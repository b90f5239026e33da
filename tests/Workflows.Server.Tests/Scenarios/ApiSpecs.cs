// The REST API end to end on one shared host per provider: deployment, the task lifecycle, concurrency, service retries
// and incidents, messages, bad input and authorization, health, login and the calendar.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Scenarios;

/// <summary>API scenarios, run once per database provider by the derived classes.</summary>
public abstract class ApiSpecs(HostFixture fixture)
{
    private static readonly CountingHandler Flaky = new("api.flaky", failuresBeforeSuccess: 2);
    private static readonly CountingHandler Healable = new("api.healable");

    protected Task<ServerHost> HostAsync() =>
        fixture.SharedAsync(
            new HostOptions(
                ServiceRetries: 2,
                Services: s =>
                {
                    Flaky.Register(s);
                    Healable.Register(s);
                }
            )
        );

    private async Task<HttpClient> As(string user) => await (await HostAsync()).As(user);

    [ProviderFact]
    public async Task Deploy_creates_a_version_for_new_content_and_returns_the_same_version_for_unchanged_content()
    {
        var designer = await As("designer");
        var key = Processes.NewKey("deploy");

        var first = await designer.DeployAsync(Processes.UserTask(key));
        var again = await designer.DeployAsync(Processes.UserTask(key));
        var changed = await designer.DeployAsync(Processes.UserTask(key, name: "Renamed"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, changed.StatusCode);
        var v1 = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        var unchanged = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)v1["version"]!);
        Assert.Equal(1, (int)unchanged["version"]!);
        Assert.Equal((string?)v1["id"], (string?)unchanged["id"]);
        Assert.Equal(2, (int)(await changed.Content.ReadFromJsonAsync<JsonObject>())!["version"]!);
        var versions = await designer.GetArrayAsync($"/api/definitions/{key}/versions");
        Assert.Equal([1, 2], versions.Select(v => (int)v!["version"]!));
        var summary = (await designer.GetArrayAsync("/api/definitions")).Single(d =>
            (string?)d!["key"] == key
        )!;
        Assert.Equal(2, (int)summary["latestVersion"]!);
        var xml = await designer.GetStringAsync($"/api/definitions/{key}/versions/1/xml");
        Assert.Contains("Test process", xml);
    }

    [ProviderFact]
    public async Task Invalid_deploy_answers_400_naming_the_element_and_its_line()
    {
        var designer = await As("designer");
        var xml = Processes.DanglingFlow(Processes.NewKey("dangling"));

        var response = await designer.DeployAsync(xml);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        var error = Assert.Single(errors, e => (string?)e!["elementId"] == "f2")!;
        Assert.Equal(Processes.LineOf(xml, "targetRef=\"Activity_gone\""), (int)error["line"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
    }

    [ProviderFact]
    public async Task Deploying_a_body_that_is_not_xml_answers_400()
    {
        var designer = await As("designer");

        var response = await designer.DeployAsync("this is { not xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray()
        );
    }

    [ProviderFact]
    public async Task Multipart_upload_deploys_the_file()
    {
        var designer = await As("designer");
        var key = Processes.NewKey("multipart");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Processes.UserTask(key)));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        form.Add(file, "file", $"{key}.bpmn");

        var response = await designer.PostAsync("/api/definitions", form);

        await ApiCalls.Expect(response, HttpStatusCode.Created);
        Assert.Equal(
            key,
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]
        );
    }

    [ProviderFact]
    public async Task Instance_waits_on_a_user_task_that_the_clerk_claims_and_completes()
    {
        var key = Processes.NewKey("lifecycle");
        await (await As("designer")).DeployOkAsync(Processes.UserTask(key));
        var window = await As("clerk.window");
        var clerk = await As("clerk.kjj");
        var businessKey = $"BK-{Guid.NewGuid():N}";

        var id = await window.StartAsync(key, businessKey, new { applicant = "Ana" });
        var running = await clerk.InstanceAsync(id);
        var task = Assert.Single(await clerk.TasksOfAsync(id))!;
        var taskId = (string)task["id"]!;
        var claim = await clerk.PostAsync($"/api/tasks/{taskId}/claim", null);
        var mine = (await clerk.GetObjectAsync("/api/tasks?assignee=me&pageSize=200"))[
            "items"
        ]!.AsArray();
        var complete = await clerk.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { approved = true } }
        );
        var done = await clerk.InstanceAsync(id);

        Assert.Equal("Running", (string?)running["status"]);
        Assert.Equal(["review"], running["activeElementIds"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(Processes.KjjReviewers, (string?)task["candidateGroups"]![0]);
        await ApiCalls.Expect(claim, HttpStatusCode.OK);
        Assert.Contains(mine, t => (string?)t!["id"] == taskId);
        await ApiCalls.Expect(complete, HttpStatusCode.OK);
        Assert.Equal("Completed", (string?)done["status"]);
        Assert.True((bool)done["variables"]!["approved"]!);
        Assert.Equal("Ana", (string?)done["variables"]!["applicant"]);
        Assert.Equal(businessKey, (string?)done["businessKey"]);

        var history = (await clerk.GetArrayAsync($"/api/instances/{id}/history"))
            .Select(h => (string)h!["action"]!)
            .ToList();
        Assert.Contains("task.claimed", history);
        Assert.Contains("task.completed", history);
        Assert.True(history.Count >= 3, string.Join(", ", history));

        var byKey = await clerk.GetObjectAsync($"/api/instances?definitionKey={key}");
        var completed = await clerk.GetObjectAsync(
            $"/api/instances?definitionKey={key}&status=Completed"
        );
        var running2 = await clerk.GetObjectAsync(
            $"/api/instances?definitionKey={key}&status=Running"
        );
        var byBusinessKey = await clerk.GetObjectAsync($"/api/instances?businessKey={businessKey}");
        Assert.Equal(1, (int)byKey["total"]!);
        Assert.Equal(id, completed["items"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal(0, (int)running2["total"]!);
        Assert.Equal(id, Assert.Single(byBusinessKey["items"]!.AsArray())!["id"]!.GetValue<Guid>());
    }

    [ProviderFact]
    public async Task The_start_answers_with_the_open_tasks_it_created_which_the_clerk_completes_by_that_id()
    {
        var key = Processes.NewKey("taskids");
        await (await As("designer")).DeployOkAsync(Processes.UserTask(key));
        var clerk = await As("clerk.kjj");

        var start = await clerk.PostJsonAsync(
            "/api/instances",
            new { definitionKey = key, variables = new { amount = 1 } }
        );
        await ApiCalls.Expect(start, HttpStatusCode.Created);
        var started = (await start.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = started["id"]!.GetValue<Guid>();
        var taskId = (string)Assert.Single(started["taskIds"]!.AsArray())!;
        var listed = Assert.Single(await clerk.TasksOfAsync(id))!;
        var complete = await clerk.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { approved = true } }
        );
        var done = await clerk.InstanceAsync(id);

        Assert.Equal((string?)listed["id"], taskId);
        await ApiCalls.Expect(complete, HttpStatusCode.OK);
        Assert.Equal("Completed", (string?)done["status"]);
    }

    [ProviderFact]
    public async Task Completing_a_completed_task_again_answers_409_with_its_status()
    {
        var key = Processes.NewKey("twice");
        await (await As("designer")).DeployOkAsync(Processes.UserTask(key));
        var clerk = await As("clerk.kjj");
        var id = await (await As("clerk.window")).StartAsync(key);
        var taskId = await clerk.TaskIdOfAsync(id);

        var first = await clerk.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { } }
        );
        var second = await clerk.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { } }
        );

        await ApiCalls.Expect(first, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(
            "Completed",
            (string?)(await second.Content.ReadFromJsonAsync<JsonObject>())!["currentStatus"]
        );
    }

    [ProviderFact]
    public async Task Two_concurrent_completions_of_one_task_have_exactly_one_winner()
    {
        var (clerk, taskId, id) = await OpenTaskAsync("race2");
        var chief = await As("chief.kjj");

        var responses = await Task.WhenAll(
            clerk.PostJsonAsync(
                $"/api/tasks/{taskId}/complete",
                new { variables = new { by = "clerk" } }
            ),
            chief.PostJsonAsync(
                $"/api/tasks/{taskId}/complete",
                new { variables = new { by = "chief" } }
            )
        );

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Conflict],
            responses.Select(r => r.StatusCode).Order()
        );
        Assert.Equal("Completed", (string?)(await clerk.InstanceAsync(id))["status"]);
    }

    [ProviderFact]
    public async Task Twenty_parallel_completions_of_one_task_have_exactly_one_winner()
    {
        var (clerk, taskId, id) = await OpenTaskAsync("race20");

        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 20)
                .Select(i =>
                    clerk.PostJsonAsync(
                        $"/api/tasks/{taskId}/complete",
                        new { variables = new { attempt = i } }
                    )
                )
        );

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(
            codes.Count(c => c == 200) == 1 && codes.Count(c => c == 409) == 19,
            string.Join(",", codes)
        );
        var history = await clerk.GetArrayAsync($"/api/instances/{id}/history");
        Assert.Single(
            history,
            h => (string?)h!["action"] == "task.completed" && h["taskId"] is not null
        );
    }

    [ProviderFact]
    public async Task A_service_handler_failing_twice_is_retried_and_the_instance_completes()
    {
        var key = Processes.NewKey("flaky");
        await (await As("designer")).DeployOkAsync(Processes.Service(key, Flaky.Name));
        var admin = await As("admin");

        var id = await admin.StartAsync(key);
        var done = await admin.WaitForStatusAsync(id, "Completed");

        Assert.Equal(3, Flaky.CallsFor(id));
        Assert.Equal(3, (int)done["variables"]![$"{Flaky.Name}Calls"]!);
        Assert.Empty(done["incidents"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_service_handler_that_keeps_failing_raises_an_incident_that_an_admin_retries()
    {
        var key = Processes.NewKey("broken");
        await (await As("designer")).DeployOkAsync(Processes.Service(key, Healable.Name));
        var admin = await As("admin");
        Healable.Broken = true;
        Guid id;
        try
        {
            id = await admin.StartAsync(key);
            var withIncident = await ApiCalls.EventuallyAsync(
                () => admin.InstanceAsync(id),
                i => i["incidents"]!.AsArray().Count > 0,
                "an incident"
            );
            var incident = Assert.Single(withIncident["incidents"]!.AsArray())!;
            Assert.Equal("call", (string?)incident["elementId"]);
            Assert.Equal(3, Healable.CallsFor(id)); // the first call and ServiceRetries = 2 retries
            var byClerk = await (await As("clerk.kjj")).PostAsync(
                $"/api/instances/{id}/incidents/retry",
                null
            );
            Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        }
        finally
        {
            Healable.Broken = false;
        }

        var retry = await admin.PostAsync($"/api/instances/{id}/incidents/retry", null);

        await ApiCalls.Expect(retry, HttpStatusCode.OK);
        Assert.Equal(1, await retry.Content.ReadFromJsonAsync<int>());
        var done = await admin.WaitForStatusAsync(id, "Completed");
        Assert.Empty(done["incidents"]!.AsArray());
    }

    [ProviderFact]
    public async Task Only_staff_who_act_and_admins_may_deliver_a_message_an_applicant_cannot_approve_their_own_case()
    {
        var key = Processes.NewKey("message-auth");
        var message = $"approved-{Guid.NewGuid():N}";
        await (await As("designer")).DeployOkAsync(Processes.Message(key, message));
        var businessKey = $"BK-{Guid.NewGuid():N}";
        var id = await (await As("admin")).StartAsync(key, businessKey);

        foreach (var user in new[] { "applicant.demo", "manager", "supervisor", "designer" })
        {
            var refused = await (await As(user)).PostJsonAsync(
                "/api/messages",
                new { name = message, correlationKey = businessKey }
            );
            await ApiCalls.Expect(refused, HttpStatusCode.Forbidden);
        }
        Assert.Equal("Running", (string?)(await (await As("admin")).InstanceAsync(id))["status"]);

        var delivered = await (await As("clerk.kjj")).PostJsonAsync(
            "/api/messages",
            new { name = message, correlationKey = businessKey }
        );
        await ApiCalls.Expect(delivered, HttpStatusCode.OK);
        Assert.Equal("Completed", (string?)(await (await As("admin")).InstanceAsync(id))["status"]);
    }

    [ProviderFact]
    public async Task A_message_with_the_business_key_resumes_the_waiting_instance()
    {
        var key = Processes.NewKey("message");
        var message = $"paid-{Guid.NewGuid():N}";
        await (await As("designer")).DeployOkAsync(Processes.Message(key, message));
        var admin = await As("admin");
        var businessKey = $"BK-{Guid.NewGuid():N}";
        var id = await admin.StartAsync(key, businessKey);
        var other = await admin.StartAsync(key, $"BK-{Guid.NewGuid():N}");

        var response = await admin.PostJsonAsync(
            "/api/messages",
            new
            {
                name = message,
                correlationKey = businessKey,
                variables = new { paid = true },
            }
        );

        await ApiCalls.Expect(response, HttpStatusCode.OK);
        var result = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal([id], result["resumed"]!.AsArray().Select(r => r!.GetValue<Guid>()));
        var done = await admin.InstanceAsync(id);
        Assert.Equal("Completed", (string?)done["status"]);
        Assert.True((bool)done["variables"]!["paid"]!);
        Assert.Equal("Running", (string?)(await admin.InstanceAsync(other))["status"]);
        // The consumed subscription is gone; the other case still waits for its own.
        var host = await HostAsync();
        Assert.False(
            await host.QueryAsync(db => db.MessageSubscriptions.AnyAsync(s => s.InstanceId == id))
        );
        Assert.True(
            await host.QueryAsync(db =>
                db.MessageSubscriptions.AnyAsync(s => s.InstanceId == other)
            )
        );
    }

    [ProviderFact]
    public async Task Starting_an_unknown_definition_answers_404()
    {
        var response = await (await As("admin")).PostJsonAsync(
            "/api/instances",
            new { definitionKey = "no-such-process" }
        );

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task Completing_an_unknown_task_answers_404()
    {
        var response = await (await As("clerk.kjj")).PostJsonAsync(
            "/api/tasks/no-such-task/complete",
            new { variables = new { } }
        );

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [ProviderFact]
    public async Task Variables_that_are_not_an_object_answer_400_naming_variables()
    {
        var (clerk, taskId, id) = await OpenTaskAsync("badvars");
        var admin = await As("admin");
        var key = (string)(await admin.InstanceAsync(id))["definitionKey"]!;

        var onComplete = await clerk.PostAsync(
            $"/api/tasks/{taskId}/complete",
            new StringContent("""{"variables": 5}""", Encoding.UTF8, "application/json")
        );
        var onStart = await admin.PostAsync(
            "/api/instances",
            new StringContent(
                $$"""{"definitionKey":"{{key}}","variables":"x"}""",
                Encoding.UTF8,
                "application/json"
            )
        );

        foreach (var response in new[] { onComplete, onStart })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())![
                "errors"
            ]!.AsObject();
            Assert.True(errors.ContainsKey("variables"), errors.ToJsonString());
        }
        Assert.Equal(
            "Open",
            (string?)(await clerk.GetObjectAsync($"/api/tasks/{taskId}"))["status"]
        );
    }

    [ProviderFact]
    public async Task An_unauthenticated_call_answers_401()
    {
        using var anonymous = (await HostAsync()).Anonymous();

        var tasks = await anonymous.GetAsync("/api/tasks");
        var start = await anonymous.PostJsonAsync("/api/instances", new { definitionKey = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, tasks.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
    }

    [ProviderFact]
    public async Task A_clerk_of_another_bureau_does_not_see_the_task_and_a_manager_may_not_complete_it()
    {
        var (clerk, taskId, _) = await OpenTaskAsync("foreign");
        var foreign = await As("clerk.crj");
        var manager = await As("manager");

        var foreignGet = await foreign.GetAsync($"/api/tasks/{taskId}");
        var foreignComplete = await foreign.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { } }
        );
        var managerGet = await manager.GetAsync($"/api/tasks/{taskId}");
        var managerComplete = await manager.PostJsonAsync(
            $"/api/tasks/{taskId}/complete",
            new { variables = new { } }
        );

        Assert.Equal(HttpStatusCode.NotFound, foreignGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignComplete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, managerGet.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, managerComplete.StatusCode);
        Assert.Equal(
            "Open",
            (string?)(await clerk.GetObjectAsync($"/api/tasks/{taskId}"))["status"]
        );
    }

    [ProviderFact]
    public async Task Health_endpoints_answer_200()
    {
        using var anonymous = (await HostAsync()).Anonymous();

        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [ProviderFact]
    public async Task A_wrong_password_answers_401_and_five_failures_lock_the_account_with_423()
    {
        using var anonymous = (await HostAsync()).Anonymous();
        const string user = "clerk.zfj"; // used by no other scenario: its lockout must not disturb them

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            failures.Add(
                (
                    await anonymous.PostJsonAsync(
                        "/api/auth/login",
                        new { userName = user, password = "wrong" }
                    )
                ).StatusCode
            );
        var rightPassword = await anonymous.PostJsonAsync(
            "/api/auth/login",
            new { userName = user, password = "demo" }
        );

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), failures.Take(4));
        Assert.Equal((HttpStatusCode)423, failures[4]);
        Assert.Equal((HttpStatusCode)423, rightPassword.StatusCode);
    }

    [ProviderFact]
    public async Task Calendar_due_counts_working_days_and_flags_provisional_years()
    {
        var clerk = await As("clerk.kjj");

        var due = await clerk.GetObjectAsync("/api/calendar/due?start=2026-02-12&limit=3WD");
        var provisional = await clerk.GetObjectAsync(
            "/api/calendar/due?start=2026-12-28&limit=5WD"
        );

        Assert.Equal(
            new DateTimeOffset(2026, 2, 24, 17, 30, 0, TimeSpan.FromHours(8)),
            due["due"]!.GetValue<DateTimeOffset>()
        );
        Assert.EndsWith("+08:00", (string)due["due"]!);
        Assert.False((bool)due["provisional"]!);
        Assert.True((bool)provisional["provisional"]!);
    }

    private async Task<(HttpClient Clerk, string TaskId, Guid InstanceId)> OpenTaskAsync(
        string prefix
    )
    {
        var key = Processes.NewKey(prefix);
        await (await As("designer")).DeployOkAsync(Processes.UserTask(key));
        var clerk = await As("clerk.kjj");
        var id = await (await As("clerk.window")).StartAsync(key);
        return (clerk, await clerk.TaskIdOfAsync(id), id);
    }
}

/// <summary>API scenarios on a SQLite file.</summary>
public sealed class ApiOnSqlite(SqliteFixture fixture)
    : ApiSpecs(fixture),
        IClassFixture<SqliteFixture>
{
    [Fact]
    public async Task Metrics_report_how_long_transactions_held_and_waited_for_the_SQLite_write_lock()
    {
        var host = await HostAsync();
        using var designer = await host.As("designer");
        var key = $"metrics-{Guid.NewGuid():N}"[..20];
        (await designer.DeployAsync(Processes.UserTask(key))).EnsureSuccessStatusCode();
        await (await host.As("clerk.window")).StartAsync(key);
        using var anonymous = host.Anonymous();

        var text = await anonymous.GetStringAsync("/metrics");

        // Histograms of the meter Workflows.Data: the deploy transaction above took a turn at the lock, and the start's
        // save was committed by the file's group writer.
        Assert.Contains(
            "workflows_sqlite_write_lock_held_milliseconds_count",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "workflows_sqlite_write_lock_wait_milliseconds_count",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "workflows_sqlite_commit_group_saves_count",
            text,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task By_default_the_server_checkpoints_the_WAL_in_the_background_and_its_connections_do_not()
    {
        var host = await HostAsync();
        using var designer = await host.As("designer");
        (
            await designer.DeployAsync(Processes.UserTask($"ckpt-{Guid.NewGuid():N}"[..20]))
        ).EnsureSuccessStatusCode();
        var checkpointer =
            host.Services.GetRequiredService<Workflows.Server.Hosting.SqliteCheckpointer>();

        var automatic = await AutoCheckpointAsync(host);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (checkpointer.Last is not { Checkpointed: > 0 } && DateTime.UtcNow < deadline)
            await Task.Delay(50);

        Assert.True(checkpointer.Enabled);
        Assert.Equal(0L, automatic);
        Assert.True(
            checkpointer.Last is { Checkpointed: > 0 },
            $"last checkpoint: {checkpointer.Last}"
        );
    }

    [Fact]
    public async Task With_the_interval_set_to_0_SQLite_checkpoints_automatically()
    {
        var own = new SqliteFixture();
        await own.InitializeAsync();
        try
        {
            var host = await own.StartAsync(
                new HostOptions(
                    Settings: new Dictionary<string, string>
                    {
                        [Workflows.Server.Hosting.SqliteCheckpointer.IntervalKey] = "0",
                    }
                )
            );

            Assert.False(
                host.Services.GetRequiredService<Workflows.Server.Hosting.SqliteCheckpointer>().Enabled
            );
            Assert.Equal(1000L, await AutoCheckpointAsync(host));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    private static Task<long> AutoCheckpointAsync(ServerHost host) =>
        host.QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint";
            return (long)(await command.ExecuteScalarAsync())!;
        });
}

/// <summary>API scenarios on PostgreSQL.</summary>
[Postgres]
public sealed class ApiOnPostgres(PostgresFixture fixture)
    : ApiSpecs(fixture),
        IClassFixture<PostgresFixture>;
