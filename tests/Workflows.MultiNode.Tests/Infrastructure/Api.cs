// HTTP helpers over the REST API, so specs read as the steps a client takes.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.MultiNode.Tests.Infrastructure;

/// <summary>Calls of the Workflows API.</summary>
public static class Api
{
    /// <summary>Deploys a definition (asserts 201 or 200).</summary>
    public static async Task DeployAsync(this HttpClient client, string xml)
    {
        var response = await client.PostAsync(
            "/api/definitions",
            new StringContent(xml, Encoding.UTF8, "application/xml")
        );
        await ExpectAsync(response, HttpStatusCode.Created, HttpStatusCode.OK);
    }

    /// <summary>Starts an instance (asserts 201) and returns its id.</summary>
    public static async Task<Guid> StartAsync(
        this HttpClient client,
        string definitionKey,
        string? businessKey = null
    )
    {
        var response = await client.PostAsJsonAsync(
            "/api/instances",
            new
            {
                definitionKey,
                businessKey,
                variables = new { },
            }
        );
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>Completes a task; returns the response for the caller to judge.</summary>
    public static Task<HttpResponseMessage> CompleteAsync(this HttpClient client, string taskId) =>
        client.PostAsJsonAsync(
            $"/api/tasks/{Uri.EscapeDataString(taskId)}/complete",
            new { variables = new { } }
        );

    /// <summary>GET a JSON object (asserts 200).</summary>
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Asserts the status code, showing the body when it differs.</summary>
    public static async Task ExpectAsync(
        HttpResponseMessage response,
        params HttpStatusCode[] expected
    )
    {
        if (!expected.Contains(response.StatusCode))
            Assert.Fail(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {string.Join("/", expected.Select(e => (int)e))}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
    }

    /// <summary>Polls until <paramref name="done"/> holds (deadline in seconds; no timing is asserted).</summary>
    public static async Task<T> EventuallyAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> done,
        string what,
        int seconds = 60
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
            await Task.Delay(500);
        }
    }
}
