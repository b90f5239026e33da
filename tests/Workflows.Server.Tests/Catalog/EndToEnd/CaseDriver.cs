// Drives one case of a shipped procedure through the HTTP API as the demo accounts would, on the shared host's settable
// clock. The host's outbox is not dispatched, so after every action the driver runs this case's service calls itself
// (through the real ServiceTaskJob and the simulated government systems) and fires its timers (through the real TimerJob).
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Data.Entities;
using Workflows.Server.Application;
using Workflows.Server.Jobs;
using Workflows.Server.Tests.Infrastructure;
using Workflows.Server.Tests.Sla;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>One case of a <see cref="ProcedureScript"/>, moved on step by step.</summary>
public sealed class CaseDriver
{
    /// <summary>How far the clock moves before each action, so every task has distinct created and completed times.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(10);

    private readonly ServerHost _host;
    private readonly SettableTime _time;
    private int _next;

    private CaseDriver(
        ServerHost host,
        SettableTime time,
        ProcedureScript script,
        Guid id,
        string businessKey
    )
    {
        _host = host;
        _time = time;
        Script = script;
        Id = id;
        BusinessKey = businessKey;
    }

    /// <summary>The procedure.</summary>
    public ProcedureScript Script { get; }

    /// <summary>The instance.</summary>
    public Guid Id { get; }

    /// <summary>The case number (business key).</summary>
    public string BusinessKey { get; }

    /// <summary>The applicant submits an application of <paramref name="script"/> on Monday 09:00 of the fixture's week.</summary>
    public static async Task<CaseDriver> SubmitAsync(
        CatalogueFixture fixture,
        ProcedureScript script
    )
    {
        var host = await fixture.HostAsync();
        fixture.Time.Now = CatalogueFixture.Monday;
        var variables = new JsonObject
        {
            ["applicantName"] = "John Smith",
            ["nationality"] = "GB",
            ["employer"] = "Example Ltd",
            ["applicantUser"] = "applicant.demo",
            ["employerUser"] = "employer.demo",
        };
        foreach (var (key, value) in script.Start)
            variables[key] = value?.DeepClone();
        var businessKey = $"BK-{script.Key[..4]}-{Guid.NewGuid():N}"[..20];
        var applicant = await host.As("applicant.demo");
        var id = await applicant.StartAsync(script.Key, businessKey, variables);
        var driver = new CaseDriver(host, fixture.Time, script, id, businessKey);
        await driver.RunServicesAsync();
        return driver;
    }

    /// <summary>A client signed in as <paramref name="user"/>.</summary>
    public Task<HttpClient> As(string user) => _host.As(user);

    /// <summary>Runs the approving path's steps up to (not including) <paramref name="elementId"/>, whose task is then open.</summary>
    public async Task RunUntilAsync(string elementId)
    {
        var index = Script.HappyPath.ToList().FindIndex(s => s.ElementId == elementId);
        Assert.True(
            index >= _next,
            $"{Script.Key}: {elementId} is not ahead on the approving path"
        );
        while (_next < index)
            await RunStepAsync(Script.HappyPath[_next]);
    }

    /// <summary>Runs the rest of the approving path.</summary>
    public async Task RunToEndAsync()
    {
        while (_next < Script.HappyPath.Count)
            await RunStepAsync(Script.HappyPath[_next]);
    }

    /// <summary>Moves the settable clock by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => _time.Now += by;

    /// <summary>Sets the settable clock.</summary>
    public DateTimeOffset Now
    {
        get => _time.Now;
        set => _time.Now = value;
    }

    /// <summary>The open task of <paramref name="elementId"/> as <paramref name="user"/> sees it in their task list.</summary>
    public async Task<JsonObject> OpenTaskAsync(string elementId, string user)
    {
        var tasks = await OpenTasksAsync(user);
        var task = tasks.SingleOrDefault(t => (string?)t["elementId"] == elementId);
        Assert.True(
            task is not null,
            $"{Script.Key}: {user} has no open task {elementId}; open: {string.Join(", ", tasks.Select(t => (string?)t["elementId"]))}"
        );
        return task;
    }

    /// <summary>The open tasks of this case in <paramref name="user"/>'s task list.</summary>
    public async Task<List<JsonObject>> OpenTasksAsync(string user)
    {
        var client = await As(user);
        var page = await client.GetObjectAsync(
            $"/api/tasks?businessKey={Uri.EscapeDataString(BusinessKey)}&pageSize=200"
        );
        return page["items"]!
            .AsArray()
            .Select(t => t!.AsObject())
            .Where(t => t["instanceId"]!.GetValue<Guid>() == Id && (string?)t["status"] == "Open")
            .ToList();
    }

    /// <summary>The instance as the admin reads it.</summary>
    public async Task<JsonObject> InstanceAsync() => await (await As("admin")).InstanceAsync(Id);

    /// <summary>The case's clocks (<c>/api/instances/{id}/clocks</c>) as the admin reads them.</summary>
    public async Task<JsonArray> ClocksAsync() =>
        await (await As("admin")).GetArrayAsync($"/api/instances/{Id}/clocks");

    /// <summary>The clock of task <paramref name="taskId"/>.</summary>
    public async Task<JsonObject> TaskClockAsync(string taskId) =>
        Assert
            .Single(
                await ClocksAsync(),
                c => (string?)c!["kind"] == "task" && (string?)c["taskId"] == taskId
            )!
            .AsObject();

    /// <summary>Fires this case's SLA timers that are due on the settable clock.</summary>
    public Task<int> FireDueSlaTimersAsync() => SlaHost.FireDueAsync(_host, _time, Id);

    /// <summary>Runs this case's pending service calls (and those they lead to) through the real <see cref="ServiceTaskJob"/>.</summary>
    public async Task RunServicesAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var rows = await _host.QueryAsync(db =>
                db.Outbox.AsNoTracking()
                    .Where(o =>
                        o.InstanceId == Id
                        && o.Type == OutboxTypes.ServiceInvoke
                        && o.DispatchedAt == null
                    )
                    .OrderBy(o => o.Id)
                    .ToListAsync()
            );
            if (rows.Count == 0)
                return;
            foreach (var row in rows)
            {
                // Playing the dispatcher: mark the row handed over, then run the job it would have enqueued.
                var now = _time.GetUtcNow();
                await _host.QueryAsync(db =>
                    db.Outbox.Where(o => o.Id == row.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, now))
                );
                await _host
                    .Services.GetRequiredService<ServiceTaskJob>()
                    .RunAsync(row.PayloadJson, 0);
            }
        }
        Assert.Fail($"{Script.Key}: service calls kept coming after 20 rounds");
    }

    private async Task RunStepAsync(ScriptStep step)
    {
        switch (step.Kind)
        {
            case ScriptStep.UserTask:
                Advance(Tick);
                var task = await OpenTaskAsync(step.ElementId, step.User!);
                var client = await As(step.User!);
                await ApiCalls.Expect(
                    await client.PostJsonAsync(
                        $"/api/tasks/{task["id"]}/complete",
                        new { variables = step.Variables }
                    ),
                    HttpStatusCode.OK
                );
                break;
            case ScriptStep.TimerEvent:
                var timer = await _host.QueryAsync(db =>
                    db.Timers.AsNoTracking()
                        .SingleAsync(t =>
                            t.InstanceId == Id
                            && t.ElementId == step.ElementId
                            && t.Kind == TimerKinds.Bpmn
                            && t.Status == TimerStatuses.Pending
                        )
                );
                if (timer.DueAt > _time.Now)
                    _time.Now = timer.DueAt.AddSeconds(1);
                // The recurring sweep may fire it first on the moved clock; either way it fires once.
                if (!await _host.Services.GetRequiredService<TimerJob>().FireAsync(timer.Id))
                    Assert.Equal(
                        TimerStatuses.Fired,
                        (
                            await _host.QueryAsync(db =>
                                db.Timers.AsNoTracking().SingleAsync(t => t.Id == timer.Id)
                            )
                        ).Status
                    );
                break;
            case ScriptStep.MessageEvent:
                Advance(Tick);
                var system = await As(step.User!);
                var response = await system.PostJsonAsync(
                    "/api/messages",
                    new
                    {
                        name = step.MessageName,
                        correlationKey = BusinessKey,
                        variables = step.Variables,
                    }
                );
                await ApiCalls.Expect(response, HttpStatusCode.OK);
                var resumed = (await response.Content.ReadFromJsonAsync<JsonObject>())!["resumed"]!
                    .AsArray()
                    .Select(r => r!.GetValue<Guid>());
                Assert.Contains(Id, resumed);
                break;
            default:
                throw new InvalidOperationException($"Unknown step kind {step.Kind}.");
        }
        _next++;
        await RunServicesAsync();
    }
}
