// The home page: the published procedures, each opening in the designer.
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflows.Data;

namespace Workflows.Server.Pages;

/// <summary>Lists the latest version of every definition.</summary>
public sealed class IndexModel(WorkflowsDbContext db) : PageModel
{
    /// <summary>The latest version of each key.</summary>
    public IReadOnlyList<Row> Definitions { get; private set; } = [];

    /// <summary>Loads the list.</summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var all = await db
            .Definitions.AsNoTracking()
            .Select(d => new Row(d.Key, d.Name, d.NameEn, d.Version, d.DeployedAt))
            .ToListAsync(ct);
        Definitions = all.GroupBy(d => d.Key)
            .Select(g => g.MaxBy(d => d.Version)!)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One definition row.</summary>
    public sealed record Row(
        string Key,
        string? Name,
        string? NameEn,
        int Version,
        DateTimeOffset DeployedAt
    );
}
