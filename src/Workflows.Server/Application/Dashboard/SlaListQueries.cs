// The dashboard's two lists (open cases, supervision records), shared by /api/sla/cases, /api/sla/supervision and the
// dashboard benchmark: one page of rows by SQL paging plus one lookup per related table by primary key.
using Microsoft.EntityFrameworkCore;
using Workflows.Data;
using Workflows.Server.Application.Sla;
using Workflows.Server.Auth;

namespace Workflows.Server.Application.Dashboard;

/// <summary>Reads the lists in the user's scope: every bureau for managers, supervisors and admins, else the user's own bureau.</summary>
public sealed class SlaListQueries(WorkflowsDbContext db)
{
    /// <summary>Open clocks (running or paused), soonest due first; <paramref name="skip"/> and <paramref name="take"/> page them.</summary>
    public async Task<OpenClockRows> OpenClocksAsync(
        CurrentUser user,
        OpenClocksFilter filter,
        int skip,
        int take,
        CancellationToken ct
    )
    {
        // "Not stopped" (running or paused) is written as the partial index IX_SlaClocks_Open_Due states it, so the database
        // pages soonest-due first from that index and counts from it, instead of sorting every open clock.
        var query = db.SlaClocks.AsNoTracking().Where(c => c.Status != SlaClockStatuses.Stopped);
        if (!user.ReadsEverything)
            query = query.Where(c => c.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(filter.Level))
            query = query.Where(c => c.Level == filter.Level);
        if (!string.IsNullOrEmpty(filter.Bureau))
            query = query.Where(c => c.Bureau == filter.Bureau);
        if (!string.IsNullOrEmpty(filter.Procedure))
            query = query.Where(c => c.DefinitionKey == filter.Procedure);
        if (!string.IsNullOrEmpty(filter.Kind))
            query = query.Where(c => c.Kind == filter.Kind);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(c => c.DueAt)
            .ThenBy(c => c.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(ct);
        var taskIds = rows.Where(r => r.TaskId != null).Select(r => r.TaskId!).ToList();
        var tasks = await db
            .Tasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, ct);
        var instanceIds = rows.Select(r => r.InstanceId).Distinct().ToList();
        var instances = await db
            .Instances.AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, ct);
        return new OpenClockRows(rows, total, tasks, instances);
    }

    /// <summary>Supervision records, latest breach first, optionally of one status and bureau.</summary>
    public async Task<SupervisionRows> SupervisionAsync(
        CurrentUser user,
        string? status,
        string? bureau,
        int skip,
        int take,
        CancellationToken ct
    )
    {
        var query = db.SupervisionRecords.AsNoTracking();
        if (!user.ReadsEverything)
            query = query.Where(s => s.Bureau == user.Bureau);
        if (!string.IsNullOrEmpty(status))
            query = query.Where(s => s.Status == status);
        if (!string.IsNullOrEmpty(bureau))
            query = query.Where(s => s.Bureau == bureau);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(s => s.BreachedAt)
            .ThenBy(s => s.Id)
            .Skip(skip)
            .Take(take)
            .ToListAsync(ct);
        var instanceIds = rows.Select(r => r.InstanceId).Distinct().ToList();
        var keys = await db
            .Instances.AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.BusinessKey, ct);
        return new SupervisionRows(rows, total, keys);
    }
}
