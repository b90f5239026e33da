// Keeps SlaStepDays exactly equal to a GROUP BY over the closed task clocks in SlaClocks. Every change of a clock row
// that goes through SaveChanges adds its new contribution and takes back its old one, by an atomic upsert in the same
// transaction, so concurrent commands never lose a count and a rolled-back command leaves no trace. Bulk deletes
// (retention) must go through tracked rows for the same reason.
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Workflows.Data.Entities;

namespace Workflows.Data;

/// <summary>The per-day rollup of closed task clocks behind the dashboard's "slowest steps" chart.</summary>
public static class SlaStepRollup
{
    /// <summary>The office's UTC offset (Beijing time): rollup days and the dashboard's daily charts are calendar days there.</summary>
    public static readonly TimeSpan OfficeOffset = TimeSpan.FromHours(8);

    /// <summary>The office calendar day of <paramref name="at"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at) =>
        DateOnly.FromDateTime(at.UtcDateTime + OfficeOffset);

    /// <summary>The moment (UTC) the office calendar day <paramref name="day"/> begins.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - OfficeOffset;

    /// <summary>Whether a clock with these values is counted: a stopped task clock with its working days used.</summary>
    public static bool Counts(string kind, string status, double? workingDaysUsed) =>
        kind == "task" && status == "stopped" && workingDaysUsed.HasValue;

    /// <summary>Replaces both rollups (steps and cases) by a GROUP BY over SlaClocks (after a bulk load that bypassed SaveChanges).</summary>
    public static async Task RebuildAsync(WorkflowsDbContext db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SlaStepDays\"", ct);
        await db.Database.ExecuteSqlRawAsync(RebuildSql(db), ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SlaCaseDays\"", ct);
        await db.Database.ExecuteSqlRawAsync(SlaCaseRollup.RebuildSql(db), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The INSERT … SELECT that fills the rollup from SlaClocks in the provider's dialect (also used by the migration).</summary>
    public static string RebuildSql(WorkflowsDbContext db) =>
        db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => RebuildSqlite,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => RebuildPostgreSql,
            "Microsoft.EntityFrameworkCore.SqlServer" => RebuildSqlServer,
            var other => throw new NotSupportedException($"No rollup SQL for provider {other}."),
        };

    /// <summary>SQLite stores DateTimeOffset as UTC ticks and DateOnly as yyyy-MM-dd text.</summary>
    public const string RebuildSqlite = """
        INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
        SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", ''),
               COUNT(*), SUM("WorkingDaysUsed"), MAX("TaskId")
        FROM "SlaClocks" WHERE "Kind" = 'task' AND "Status" = 'stopped' AND "WorkingDaysUsed" IS NOT NULL
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>PostgreSQL: timestamptz shifted to the office's wall clock, then its date.</summary>
    public const string RebuildPostgreSql = """
        INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
        SELECT (("StartedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date, "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", ''),
               COUNT(*), SUM("WorkingDaysUsed"), MAX("TaskId")
        FROM "SlaClocks" WHERE "Kind" = 'task' AND "Status" = 'stopped' AND "WorkingDaysUsed" IS NOT NULL
        GROUP BY 1, 2, 3, 4
        """;

    /// <summary>SQL Server: datetimeoffset switched to +08:00, then its date.</summary>
    public const string RebuildSqlServer = """
        INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
        SELECT CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", ''),
               COUNT(*), SUM("WorkingDaysUsed"), MAX("TaskId")
        FROM "SlaClocks" WHERE "Kind" = 'task' AND "Status" = 'stopped' AND "WorkingDaysUsed" IS NOT NULL
        GROUP BY CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", '')
        """;

    /// <summary>The net change of each rollup row caused by the tracked clock changes about to be saved (DetectChanges already ran).</summary>
    private static List<Delta> Collect(List<EntityEntry<SlaClockEntity>> entries)
    {
        var deltas = new Dictionary<(DateOnly, string, string, string), Delta>();
        foreach (var entry in entries)
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                Add(deltas, Contribution(entry, original: true), -1);
            if (entry.State is EntityState.Modified or EntityState.Added)
                Add(deltas, Contribution(entry, original: false), +1);
        }
        return deltas.Values.Where(d => d.Clocks != 0 || d.WorkingDays != 0).ToList();
    }

    /// <summary>
    /// The rollup upserts (steps, then cases) that the tracked clock changes about to be saved call for; the context runs
    /// them after its base SaveChanges, in the same transaction. Stamps supervision records' breach days on the way.
    /// </summary>
    internal static List<(string Sql, object[] Parameters)> Statements(WorkflowsDbContext db)
    {
        var (deltas, cases) = Prepare(db);
        var statements = new List<(string, object[])>(deltas.Count + cases.Count);
        if (deltas.Count > 0)
        {
            var sql = UpsertSql(db);
            statements.AddRange(deltas.Select(d => (sql, Parameters(d))));
        }
        if (cases.Count > 0)
        {
            var caseSql = SlaCaseRollup.UpsertSql(db);
            statements.AddRange(cases.Select(c => (caseSql, SlaCaseRollup.Parameters(c))));
        }
        return statements;
    }

    // Breach days stamped, then both rollups' changes from the changed clock rows. The caller detected the changes
    // already, and every Entries() call would otherwise scan every tracked entity again.
    private static (
        List<Delta> Steps,
        List<((DateOnly, string, string, string, bool, double) Key, int Clocks)> Cases
    ) Prepare(WorkflowsDbContext db) =>
        db.WithoutAutoDetect(() =>
        {
            StampBreachDays(db.ChangeTracker);
            var entries = db
                .ChangeTracker.Entries<SlaClockEntity>()
                .Where(e =>
                    e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                )
                .ToList();
            return (Collect(entries), SlaCaseRollup.Collect(entries));
        });

    // SupervisionRecords.BreachedDay follows BreachedAt on every insert or update, whoever wrote the row.
    private static void StampBreachDays(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries<SupervisionRecordEntity>())
        {
            if (
                entry.State is EntityState.Added or EntityState.Modified
                && DayOf(entry.Entity.BreachedAt) is var day
                && entry.Entity.BreachedDay != day
            )
                entry.Property(s => s.BreachedDay).CurrentValue = day;
        }
    }

    private static object[] Parameters(Delta d) =>
        [d.Day, d.DefinitionKey, d.ElementId, d.Bureau, d.Clocks, d.WorkingDays, d.TaskId ?? ""];

    private static (SlaClockEntity Values, bool Counted) Contribution(
        EntityEntry<SlaClockEntity> entry,
        bool original
    )
    {
        // By name: the lambda overload of Property builds an expression tree on every call.
        T Value<T>(string property) =>
            (T)
                (
                    original
                        ? entry.Property(property).OriginalValue
                        : entry.Property(property).CurrentValue
                )!;
        var values = new SlaClockEntity
        {
            Kind = Value<string>(nameof(SlaClockEntity.Kind)),
            Status = Value<string>(nameof(SlaClockEntity.Status)),
            WorkingDaysUsed = Value<double?>(nameof(SlaClockEntity.WorkingDaysUsed)),
            StartedAt = Value<DateTimeOffset>(nameof(SlaClockEntity.StartedAt)),
            DefinitionKey = Value<string>(nameof(SlaClockEntity.DefinitionKey)),
            ElementId = Value<string?>(nameof(SlaClockEntity.ElementId)),
            Bureau = Value<string?>(nameof(SlaClockEntity.Bureau)),
            TaskId = Value<string?>(nameof(SlaClockEntity.TaskId)),
        };
        return (values, Counts(values.Kind, values.Status, values.WorkingDaysUsed));
    }

    private static void Add(
        Dictionary<(DateOnly, string, string, string), Delta> deltas,
        (SlaClockEntity Values, bool Counted) c,
        int sign
    )
    {
        if (!c.Counted)
            return;
        var v = c.Values;
        var key = (DayOf(v.StartedAt), v.DefinitionKey, v.ElementId ?? "", v.Bureau ?? "");
        var d =
            deltas.GetValueOrDefault(key)
            ?? new Delta(key.Item1, key.DefinitionKey, key.Item3, key.Item4);
        d.Clocks += sign;
        d.WorkingDays += sign * v.WorkingDaysUsed!.Value;
        if (sign > 0 || d.TaskId is null)
            d.TaskId = v.TaskId;
        deltas[key] = d;
    }

    // The conflict target is the unique (Day, DefinitionKey, ElementId, Bureau) index. Only a positive delta replaces the
    // row's sample task; rows that fall to zero stay (the chart skips them), so a concurrent insert never races a delete.
    private static string UpsertSql(WorkflowsDbContext db) =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer"
            ? """
                MERGE "SlaStepDays" WITH (HOLDLOCK) AS t
                USING (SELECT {0} AS "Day", {1} AS "DefinitionKey", {2} AS "ElementId", {3} AS "Bureau") AS s
                ON t."Day" = s."Day" AND t."DefinitionKey" = s."DefinitionKey" AND t."ElementId" = s."ElementId" AND t."Bureau" = s."Bureau"
                WHEN MATCHED THEN UPDATE SET "Clocks" = t."Clocks" + {4}, "WorkingDays" = t."WorkingDays" + {5}, "TaskId" = CASE WHEN {4} > 0 THEN {6} ELSE t."TaskId" END
                WHEN NOT MATCHED THEN INSERT ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6});
                """
            : """
                INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
                ON CONFLICT ("Day", "DefinitionKey", "ElementId", "Bureau") DO UPDATE SET
                  "Clocks" = "SlaStepDays"."Clocks" + excluded."Clocks",
                  "WorkingDays" = "SlaStepDays"."WorkingDays" + excluded."WorkingDays",
                  "TaskId" = CASE WHEN excluded."Clocks" > 0 THEN excluded."TaskId" ELSE "SlaStepDays"."TaskId" END
                """;

    /// <summary>The change of one rollup row.</summary>
    private sealed class Delta(DateOnly day, string definitionKey, string elementId, string bureau)
    {
        public DateOnly Day { get; } = day;
        public string DefinitionKey { get; } = definitionKey;
        public string ElementId { get; } = elementId;
        public string Bureau { get; } = bureau;
        public int Clocks { get; set; }
        public double WorkingDays { get; set; }
        public string? TaskId { get; set; }
    }
}
