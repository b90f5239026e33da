// Dashboard export: the open clocks or the supervision list as CSV (UTF-8 with BOM, so Excel reads Chinese) or a
// minimal .xlsx written by hand (one sheet of inline strings), which needs no spreadsheet library.
using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>Maps <c>/api/dashboard/export</c>.</summary>
public static class ExportApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard/export", ExportAsync).WithTags("Dashboard");
        return app;
    }

    private static async Task<IResult> ExportAsync(
        WorkflowsDbContext db,
        ClaimsPrincipal principal,
        string? what,
        string? format,
        string? bureau,
        string? procedure,
        CancellationToken ct
    )
    {
        var user = CurrentUser.From(principal);
        if (!(user.ReadsEverything || user.IsIn(Roles.Chief)))
            return TypedResults.Problem(
                title: "Forbidden",
                detail: "Exports are for managers, supervisors and chiefs.",
                statusCode: 403
            );
        var rows =
            what == "supervision"
                ? await SupervisionAsync(db, user, bureau, procedure, ct)
                : await CasesAsync(db, user, bureau, procedure, ct);
        var name =
            (what == "supervision" ? "supervision" : "sla-cases")
            + "-"
            + DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return format == "xlsx"
            ? TypedResults.File(
                Xlsx(rows),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name + ".xlsx"
            )
            : TypedResults.File(Csv(rows), "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<List<string[]>> CasesAsync(
        WorkflowsDbContext db,
        CurrentUser user,
        string? bureau,
        string? procedure,
        CancellationToken ct
    )
    {
        var query = db.SlaClocks.AsNoTracking().Where(c => c.Status != "stopped");
        if (!user.ReadsEverything)
            query = query.Where(c => c.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(bureau))
            query = query.Where(c => c.Bureau == bureau);
        if (!string.IsNullOrEmpty(procedure))
            query = query.Where(c => c.DefinitionKey == procedure);
        var rows = await query
            .OrderBy(c => c.DueAt)
            .Take(10_000)
            .Join(
                db.Instances,
                c => c.InstanceId,
                i => i.Id,
                (c, i) =>
                    new
                    {
                        c,
                        i.BusinessKey,
                        i.ApplicantName,
                    }
            )
            .ToListAsync(ct);
        var table = new List<string[]>
        {
            new[]
            {
                "business_key",
                "applicant",
                "procedure",
                "kind",
                "element",
                "bureau",
                "level",
                "status",
                "started_at",
                "due_at",
            },
        };
        table.AddRange(
            rows.Select(r =>
                new[]
                {
                    r.BusinessKey ?? "",
                    r.ApplicantName ?? "",
                    r.c.DefinitionKey,
                    r.c.Kind,
                    r.c.ElementId ?? "",
                    r.c.Bureau ?? "",
                    r.c.Level,
                    r.c.Status,
                    r.c.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                    r.c.DueAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                }
            )
        );
        return table;
    }

    private static async Task<List<string[]>> SupervisionAsync(
        WorkflowsDbContext db,
        CurrentUser user,
        string? bureau,
        string? procedure,
        CancellationToken ct
    )
    {
        var query = db.SupervisionRecords.AsNoTracking();
        if (!user.ReadsEverything)
            query = query.Where(s => s.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(bureau))
            query = query.Where(s => s.Bureau == bureau);
        if (!string.IsNullOrEmpty(procedure))
            query = query.Where(s => s.DefinitionKey == procedure);
        var rows = await query.OrderByDescending(s => s.BreachedAt).Take(10_000).ToListAsync(ct);
        var table = new List<string[]>
        {
            new[]
            {
                "instance",
                "procedure",
                "element",
                "bureau",
                "responsible",
                "due_at",
                "breached_at",
                "status",
                "closed_by",
                "note",
            },
        };
        table.AddRange(
            rows.Select(s =>
                new[]
                {
                    s.InstanceId.ToString(),
                    s.DefinitionKey,
                    s.ElementId ?? "",
                    s.Bureau ?? "",
                    s.Responsible ?? "",
                    s.DueAt.ToString("O", CultureInfo.InvariantCulture),
                    s.BreachedAt.ToString("O", CultureInfo.InvariantCulture),
                    s.Status,
                    s.ClosedBy ?? "",
                    s.Note ?? "",
                }
            )
        );
        return table;
    }

    /// <summary>RFC 4180 CSV; a cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    internal static byte[] Csv(IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];

        static string Cell(string value)
        {
            if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal))
                value = "'" + value;
            return value.IndexOfAny([',', '"', '\r', '\n']) >= 0
                ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : value;
        }
    }

    /// <summary>The smallest valid workbook: content types, relationships, one worksheet of inline strings.</summary>
    internal static byte[] Xlsx(IReadOnlyList<string[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string path, string content)
            {
                using var writer = new StreamWriter(
                    zip.CreateEntry(path, CompressionLevel.Fastest).Open(),
                    new UTF8Encoding(false)
                );
                writer.Write(content);
            }
            Entry(
                "[Content_Types].xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
            );
            Entry(
                "_rels/.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
            );
            Entry(
                "xl/workbook.xml",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>"""
            );
            Entry(
                "xl/_rels/workbook.xml.rels",
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""
            );
            var sheet = new StringBuilder(
                """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
            );
            foreach (var row in rows)
            {
                sheet.Append("<row>");
                foreach (var cell in row)
                    sheet
                        .Append("<c t=\"inlineStr\"><is><t>")
                        .Append(SecurityElement.Escape(cell))
                        .Append("</t></is></c>");
                sheet.Append("</row>");
            }
            sheet.Append("</sheetData></worksheet>");
            Entry("xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return buffer.ToArray();
    }
}
