// Small HTTP helpers over the REST API, so scenarios read as the steps a client takes.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Server.Tests.Infrastructure;

/// <summary>Calls of the Workflows API used by the scenarios.</summary>
public static class ApiCalls
{
    /// <summary>POST /api/definitions with an XML body.</summary>
    public static Task<HttpResponseMessage> DeployAsync(this HttpClient client, string xml) =>
        client.PostAsync(
            "/api/definitions",
            new StringContent(xml, Encoding.UTF8, "application/xml")
        );

    /// <summary>Deploys and asserts 201 or 200.</summary>
    public static async Task<JsonObject> DeployOkAsync(this HttpClient client, string xml)
    {
        var response = await client.DeployAsync(xml);
        await Expect(response, HttpStatusCode.Created, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>POST a JSON body.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(
        this HttpClient client,
        string url,
        object body
    ) => client.PostAsJsonAsync(url, body);

    /// <summary>Starts an instance and returns its id (asserts 201).</summary>
    public static async Task<Guid> StartAsync(
        this HttpClient client,
        string definitionKey,
        string? businessKey = null,
        object? variables = null
    )
    {
        var response = await client.PostAsJsonAsync(
            "/api/instances",
            new
            {
                definitionKey,
                businessKey,
                variables = variables ?? new { },
            }
        );
        await Expect(response, HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<Guid>();
    }

    /// <summary>GET an instance (asserts 200).</summary>
    public static Task<JsonObject> InstanceAsync(this HttpClient client, Guid id) =>
        client.GetObjectAsync($"/api/instances/{id}");

    /// <summary>GET a JSON object (asserts 200).</summary>
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>GET a JSON array (asserts 200).</summary>
    public static async Task<JsonArray> GetArrayAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await Expect(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    /// <summary>The open tasks of an instance visible to the client.</summary>
    public static async Task<JsonArray> TasksOfAsync(this HttpClient client, Guid instanceId)
    {
        var page = await client.GetObjectAsync("/api/tasks?pageSize=200");
        return new JsonArray(
            page["items"]!
                .AsArray()
                .Where(t => t!["instanceId"]!.GetValue<Guid>() == instanceId)
                .Select(t => t!.DeepClone())
                .ToArray()
        );
    }

    /// <summary>The single open task of an instance.</summary>
    public static async Task<string> TaskIdOfAsync(this HttpClient client, Guid instanceId)
    {
        var tasks = await client.TasksOfAsync(instanceId);
        return (string)Assert.Single(tasks)!["id"]!;
    }

    /// <summary>Polls the instance until it has <paramref name="status"/> (deadline 30 s; no timing is asserted).</summary>
    public static async Task<JsonObject> WaitForStatusAsync(
        this HttpClient client,
        Guid id,
        string status,
        int seconds = 30
    )
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonObject instance;
        while (true)
        {
            instance = await client.InstanceAsync(id);
            if ((string?)instance["status"] == status || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }
        Assert.True(
            (string?)instance["status"] == status,
            $"instance {id} did not reach {status} within {seconds} s: {instance.ToJsonString()}"
        );
        return instance;
    }

    /// <summary>Polls until the condition holds (deadline 30 s).</summary>
    public static async Task<T> EventuallyAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> done,
        string what,
        int seconds = 30
    )
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail(
                    $"{what} did not happen within {seconds} s; last value: {System.Text.Json.JsonSerializer.Serialize(value)}"
                );
            await Task.Delay(200);
        }
    }

    /// <summary>Asserts the status code, showing the body when it differs.</summary>
    public static async Task Expect(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        if (!expected.Contains(response.StatusCode))
            Assert.Fail(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {string.Join("/", expected.Select(e => (int)e))}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
    }
}
