// Script tasks that try to hang, exhaust memory or reach .NET and the network: each ends in an incident with a message,
// the server stays ready and other instances carry on.
using System.Net;
using Workflows.Robustness.Tests.Infrastructure;

namespace Workflows.Robustness.Tests.Hostile;

/// <summary>Sandbox escapes through a deployed process.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class ScriptSandboxSpecs(SharedHost shared)
{
    private readonly RobustHost _host = shared.Host;

    public static TheoryData<string, string> Escapes =>
        new()
        {
            { "endless loop", "while(true){}" },
            { "memory bomb", "var a = []; while(true){ a.push(new Array(100000).join('x')); }" },
            {
                "System.IO",
                "var f = System.IO.File.ReadAllText('/etc/passwd'); execution.setVariable('f', f);"
            },
            {
                "importNamespace",
                "var io = importNamespace('System.IO'); execution.setVariable('f', io.File.ReadAllText('/etc/passwd'));"
            },
            { "eval fetch", "eval(\"fetch('http://127.0.0.1:1/')\");" },
            { "deep recursion", "function f(n){ return f(n+1) + 1; } f(0);" },
        };

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task A_hostile_script_ends_in_an_incident_and_the_server_stays_healthy(
        string name,
        string script
    )
    {
        using var designer = await _host.As("designer");
        using var clerk = await _host.As("clerk.kjj");
        var key = Models.NewKey("sandbox");
        var deploy = await designer.DeployAsync(Models.Script(key, script));
        await Http.NotServerErrorAsync(deploy, $"deploy {name}");
        if (deploy.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var start = await clerk.PostAsync(
                "/api/instances",
                System.Net.Http.Json.JsonContent.Create(
                    new { definitionKey = key, variables = new { } }
                )
            );
            await Http.NotServerErrorAsync(start, $"start {name}");
            if (start.StatusCode == HttpStatusCode.Created)
            {
                var id = (
                    await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(
                        start.Content
                    )
                )!["id"]!.GetValue<Guid>();
                using var admin = await _host.As("admin");
                var instance = await admin.EventuallyAsync(
                    $"/api/instances/{id}",
                    i => i["incidents"]!.AsArray().Count > 0 || (string?)i["status"] != "Running",
                    $"{name} incident"
                );
                var incident = Assert.Single(instance["incidents"]!.AsArray());
                Assert.False(
                    string.IsNullOrWhiteSpace((string?)incident!["message"]),
                    "the incident says what went wrong"
                );
                Assert.NotEqual("Completed", (string?)instance["status"]);
                Assert.Null(instance["variables"]?["f"]);
            }
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, deploy.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await designer.GetAsync("/health/ready")).StatusCode);
        var other = Models.NewKey("bystander");
        Assert.Equal(
            HttpStatusCode.Created,
            (await designer.DeployAsync(Models.UserTask(other))).StatusCode
        );
        var bystander = await clerk.StartAsync(other);
        await clerk.EventuallyAsync(
            $"/api/instances/{bystander}",
            i => i["activeElementIds"]!.AsArray().Any(e => (string?)e == "review"),
            "bystander waits at its review"
        );
    }
}
