// The export of everything deployed: a zip with the latest version of each definition and the current form schemas.
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Application.Designer;

/// <summary>Builds the export zip: <c>processes/{key}.bpmn</c> (latest version) and <c>forms/{key}.form.json</c>.</summary>
public sealed class CatalogueExport(WorkflowsDbContext db, FormVersions forms)
{
    /// <summary>Writes the zip to a new byte array.</summary>
    public async Task<byte[]> BuildAsync(CancellationToken ct)
    {
        var all = await db
            .Definitions.AsNoTracking()
            .Select(d => new
            {
                d.Key,
                d.Version,
                d.Xml,
            })
            .ToListAsync(ct);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (
                var latest in all.GroupBy(d => d.Key)
                    .Select(g => g.MaxBy(d => d.Version)!)
                    .OrderBy(d => d.Key, StringComparer.Ordinal)
            )
                await WriteAsync(zip, $"processes/{latest.Key}.bpmn", latest.Xml, ct);
            foreach (var summary in await forms.ListAsync(ct))
            {
                if (await forms.GetAsync(summary.Key, null, ct) is { } form)
                    await WriteAsync(zip, $"forms/{summary.Key}.form.json", form.Schema, ct);
            }
        }
        return buffer.ToArray();
    }

    private static async Task WriteAsync(
        ZipArchive zip,
        string name,
        string content,
        CancellationToken ct
    )
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(content), ct);
    }
}
