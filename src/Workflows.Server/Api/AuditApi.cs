using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Data.Time;
using Workflows.Server.Auth;

namespace Workflows.Server.Api;

/// <summary>The audit trail export (CSV) for admins and supervisors.</summary>
public static class AuditApi
{
    /// <summary>Maps <c>/api/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit")
            .WithTags("Audit")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Supervisor));
        group.MapGet("/export", ExportAsync);
        return app;
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        DateTimeOffset? from,
        DateTimeOffset? to,
        WorkflowsDbContext db,
        CancellationToken ct
    )
    {
        var query = db.AuditEvents.AsNoTracking();
        if (from is { } f)
        {
            var utc = f.ToUtc();
            query = query.Where(a => a.At >= utc);
        }
        if (to is { } t)
        {
            var utc = t.ToUtc();
            query = query.Where(a => a.At < utc);
        }
        var csv = new StringBuilder("id,at,actor,action,instanceId,taskId,elementId,data\r\n");
        await foreach (var a in query.OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
            csv.Append(
                CultureInfo.InvariantCulture,
                $"{a.Id},{a.At.UtcDateTime:O},{Cell(a.Actor)},{Cell(a.Action)},{a.InstanceId},{Cell(a.TaskId)},{Cell(a.ElementId)},{Cell(a.DataJson)}\r\n"
            );
        return TypedResults.File(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(),
            "text/csv; charset=utf-8",
            "audit.csv"
        );
    }

    /// <summary>RFC 4180 quoting, and a leading quote for cells a spreadsheet would run as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
