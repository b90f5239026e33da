// HTTP helpers of the hostile-input tests.
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Workflows.Robustness.Tests.Infrastructure;

/// <summary>Small request helpers.</summary>
public static class Http
{
    /// <summary>POST /api/definitions with an XML body.</summary>
    public static Task<HttpResponseMessage> DeployAsync(this HttpClient client, string xml) =>
        client.PostAsync(
            "/api/definitions",
            new StringContent(xml, Encoding.UTF8, "application/xml")
        );

    /// <summary>POST a raw JSON text.</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(
        this HttpClient client,
        string url,
        string json
    ) => client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Asserts the answer is not a server error, showing the body when it is.</summary>
    public static async Task NotServerErrorAsync(HttpResponseMessage response, string what)
    {
        if ((int)response.StatusCode >= 500)
            Assert.Fail(
                $"{what}: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}"
            );
    }

    /// <summary>Starts an instance; returns its id (asserts 201).</summary>
    public static async Task<Guid> StartAsync(
        this HttpClient client,
        string definitionKey,
        object? variables = null
    )
    {
        var response = await client.PostAsJsonAsync(
            "/api/instances",
            new { definitionKey, variables = variables ?? new { } }
        );
        Assert.True(
            response.StatusCode == HttpStatusCode.Created,
            $"start {definitionKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
        );
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }

    /// <summary>Polls a JSON object until <paramref name="done"/> holds (deadline 30 s; no timing is asserted).</summary>
    public static async Task<JsonObject> EventuallyAsync(
        this HttpClient client,
        string url,
        Func<JsonObject, bool> done,
        string what
    )
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var value = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what} did not happen within 30 s: {value.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The first 600 characters of a text.</summary>
    public static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
