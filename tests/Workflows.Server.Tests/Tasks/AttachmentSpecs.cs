// Attachment limits through the HTTP pipeline: size, type, file-name tricks, checksum on download.
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Server.Application.Tasks;
using Workflows.Server.Tests.Infrastructure;

namespace Workflows.Server.Tests.Tasks;

/// <summary>Attachments on a SQLite host whose limit is 64 KB and whose blobs live in the fixture's folder.</summary>
public sealed class AttachmentSpecs(TaskSqliteFixture fixture) : IClassFixture<TaskSqliteFixture>
{
    private readonly string _blobs = Path.Combine(fixture.CatalogPath, "..", "blobs");

    private Task<ServerHost> HostAsync() =>
        fixture.SharedAsync(
            new HostOptions(Services: s =>
                s.Configure<AttachmentOptions>(o =>
                {
                    o.MaxBytes = 64 * 1024;
                    o.Path = Path.GetFullPath(_blobs);
                })
            )
        );

    private async Task<(ServerHost Host, HttpClient Clerk, Guid Instance, string Task)> OpenAsync()
    {
        var host = await HostAsync();
        var key = Processes.NewKey("attach");
        await TaskClient.DeployAsync(host, TaskProcesses.Review(key));
        var (id, task) = await TaskClient.OpenAsync(host, key);
        return (host, await host.As("clerk.kjj"), id, task);
    }

    [Fact]
    public async Task A_pdf_is_stored_with_its_sha256_and_downloaded_byte_for_byte()
    {
        var (_, clerk, _, task) = await OpenAsync();
        using var form = TaskClient.File(TaskClient.Pdf, "passport.pdf", "application/pdf");

        var stored = (
            await (
                await clerk.PostAsync($"/api/tasks/{task}/attachments", form)
            ).Content.ReadAsStringAsync()
        );
        var attachment = System.Text.Json.Nodes.JsonNode.Parse(stored)!.AsArray()[0]!;
        var download = await clerk.GetAsync($"/api/attachments/{attachment["id"]}");

        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(TaskClient.Pdf)),
            (string?)attachment["sha256"]
        );
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TaskClient.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(await clerk.GetArrayAsync($"/api/tasks/{task}/attachments"));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413_and_a_forbidden_or_disguised_type_is_415()
    {
        var (_, clerk, _, task) = await OpenAsync();
        var big = TaskClient.Pdf.Concat(new byte[70 * 1024]).ToArray();
        using var oversize = TaskClient.File(big, "big.pdf", "application/pdf");
        using var text = TaskClient.File(Encoding.UTF8.GetBytes("hello"), "note.txt", "text/plain");
        using var disguised = TaskClient.File(
            Encoding.ASCII.GetBytes("MZ\u0090\0 executable"),
            "invoice.pdf",
            "application/pdf"
        );

        Assert.Equal(
            HttpStatusCode.RequestEntityTooLarge,
            (await clerk.PostAsync($"/api/tasks/{task}/attachments", oversize)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.UnsupportedMediaType,
            (await clerk.PostAsync($"/api/tasks/{task}/attachments", text)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.UnsupportedMediaType,
            (await clerk.PostAsync($"/api/tasks/{task}/attachments", disguised)).StatusCode
        );
        Assert.Empty(await clerk.GetArrayAsync($"/api/tasks/{task}/attachments"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\x.pdf", "x.pdf")]
    [InlineData(".hidden.pdf", "hidden.pdf")]
    public async Task Path_tricks_in_the_file_name_are_stripped_and_the_storage_key_never_uses_it(
        string name,
        string expected
    )
    {
        var (host, clerk, _, task) = await OpenAsync();
        using var form = TaskClient.File(TaskClient.Pdf, name, "application/pdf");

        var response = await clerk.PostAsync($"/api/tasks/{task}/attachments", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await host.QueryAsync(db =>
            db.Attachments.Where(a => a.TaskId == task).ToListAsync()
        );
        var row = Assert.Single(rows);
        Assert.Equal(expected, row.FileName);
        Assert.DoesNotContain("..", row.StorageKey);
        Assert.DoesNotContain(expected, row.StorageKey);
        Assert.True(File.Exists(Path.Combine(Path.GetFullPath(_blobs), row.StorageKey)));
    }

    [Fact]
    public void A_very_long_name_is_cut_keeping_its_extension_and_an_unusable_one_is_refused()
    {
        var cut = FileNames.Sanitize(new string('a', 5000) + ".pdf");

        Assert.Equal(FileNames.MaxLength, cut!.Length);
        Assert.EndsWith(".pdf", cut);
        Assert.Null(FileNames.Sanitize("../../"));
        Assert.Null(FileNames.Sanitize("\0\0"));
        Assert.Equal("ab.pdf", FileNames.Sanitize("a\0b.pdf"));
    }

    [Fact]
    public async Task A_blob_changed_on_disk_fails_its_checksum_on_download()
    {
        var (host, clerk, _, task) = await OpenAsync();
        using var form = TaskClient.File(TaskClient.Pdf, "degree.pdf", "application/pdf");
        await Infrastructure.ApiCalls.Expect(
            await clerk.PostAsync($"/api/tasks/{task}/attachments", form),
            HttpStatusCode.OK
        );
        var row = await host.QueryAsync(db => db.Attachments.SingleAsync(a => a.TaskId == task));
        await File.WriteAllBytesAsync(
            Path.Combine(Path.GetFullPath(_blobs), row.StorageKey),
            Encoding.ASCII.GetBytes("%PDF-1.4 tampered")
        );

        var download = await clerk.GetAsync($"/api/attachments/{row.Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, download.StatusCode);
        Assert.Contains("checksum", await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_attachment_of_another_bureaus_case_is_404_to_a_clerk()
    {
        var (_, clerk, _, task) = await OpenAsync();
        using var form = TaskClient.File(TaskClient.Pdf, "contract.pdf", "application/pdf");
        var body = System.Text.Json.Nodes.JsonNode.Parse(
            await (
                await clerk.PostAsync($"/api/tasks/{task}/attachments", form)
            ).Content.ReadAsStringAsync()
        )!;
        var crj = await (await HostAsync()).As("clerk.crj");

        Assert.Equal(
            HttpStatusCode.NotFound,
            (await crj.GetAsync($"/api/attachments/{body[0]!["id"]}")).StatusCode
        );
    }
}
