// Steps of the task specs: deploy once, open a review task for an applicant's case, upload files.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Helpers over one host for the task and authorization specs.</summary>
public static class TaskClient
{
    /// <summary>A minimal PDF.</summary>
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    );

    /// <summary>Deploys <paramref name="xml"/> as the designer.</summary>
    public static async Task DeployAsync(ServerHost host, string xml) =>
        await (await host.As("designer")).DeployOkAsync(xml);

    /// <summary>The applicant starts a case of <paramref name="key"/>; returns the instance and its single open task.</summary>
    public static async Task<(Guid Instance, string Task)> OpenAsync(
        ServerHost host,
        string key,
        string applicantName = "Zhang Wei"
    )
    {
        var applicant = await host.As("applicant.demo");
        var id = await applicant.StartAsync(
            key,
            $"BK-{Guid.NewGuid():N}"[..16],
            new { applicantName }
        );
        var task = await host.QueryAsync(db =>
            db.Tasks.Where(t => t.InstanceId == id && t.Status == "Open")
                .Select(t => t.Id)
                .SingleAsync()
        );
        return (id, task);
    }

    /// <summary>
    /// Sets (or clears) due dates as the SLA clock does, through tracked task entities: the context copies them onto the
    /// candidate rows.
    /// </summary>
    public static Task SetDueAsync(
        ServerHost host,
        params (string Task, DateTimeOffset? Due)[] changes
    ) =>
        host.QueryAsync(async db =>
        {
            foreach (var (id, due) in changes)
            {
                var task = await db.Tasks.SingleAsync(t => t.Id == id);
                task.DueAt = due;
                task.Version++;
            }
            return await db.SaveChangesAsync();
        });

    /// <summary>A multipart body with one file.</summary>
    public static MultipartFormDataContent File(
        byte[] content,
        string fileName,
        string contentType,
        string field = "file"
    )
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, field, fileName);
        return form;
    }

    /// <summary>POSTs JSON with an Idempotency-Key.</summary>
    public static Task<HttpResponseMessage> PostWithKeyAsync(
        this HttpClient client,
        string url,
        object body,
        string key
    )
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Reads the body as a JSON object.</summary>
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Asserts the status and returns the JSON body.</summary>
    public static async Task<JsonObject> OkJsonAsync(
        this HttpResponseMessage response,
        HttpStatusCode status = HttpStatusCode.OK
    )
    {
        await Infrastructure.ApiCalls.Expect(response, status);
        return await response.JsonAsync();
    }
}
