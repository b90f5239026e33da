// Keeps SlaCaseDays exactly equal to a GROUP BY over the closed case clocks in SlaClocks, the same way SlaStepRollup
// keeps the step rollup: every change of a clock row through SaveChanges takes its old bucket's count back and adds the
// new one, by an atomic upsert in the same transaction (WorkflowsDbContext runs both after its base SaveChanges).
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Workflows.Data.Entities;

namespace Workflows.Data;

/// <summary>The per-day histogram of closed case clocks behind the dashboard's on time/late, days used and saved charts.</summary>
public static class SlaCaseRollup
{
    /// <summary>The bucket of clocks without working days used (a unique key cannot hold NULL portably).</summary>
    public const double NoWorkingDays = -1;

    /// <summary>Whether a clock with these values is counted: a stopped case clock.</summary>
    public static bool Counts(string kind, string status) => kind == "case" && status == "stopped";

    /// <summary>SQLite: the INSERT … SELECT that fills the rollup from SlaClocks (also the migration's backfill).</summary>
    public const string RebuildSqlite = """
        INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
        SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
               COALESCE("FinishedLate", 0), COALESCE("WorkingDaysUsed", -1), COUNT(*)
        FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
        GROUP BY 1, 2, 3, 4, 5, 6
        """;

    /// <summary>PostgreSQL.</summary>
    public const string RebuildPostgreSql = """
        INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
        SELECT (("StartedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date, "DefinitionKey", COALESCE("Bureau", ''), "Limit",
               COALESCE("FinishedLate", false), COALESCE("WorkingDaysUsed", -1), COUNT(*)
        FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
        GROUP BY 1, 2, 3, 4, 5, 6
        """;

    /// <summary>SQL Server.</summary>
    public const string RebuildSqlServer = """
        INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
        SELECT CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
               COALESCE("FinishedLate", CAST(0 AS bit)), COALESCE("WorkingDaysUsed", -1), COUNT(*)
        FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
        GROUP BY CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
                 COALESCE("FinishedLate", CAST(0 AS bit)), COALESCE("WorkingDaysUsed", -1)
        """;

    /// <summary>The provider's rebuild statement.</summary>
    public static string RebuildSql(WorkflowsDbContext db) =>
        db.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => RebuildSqlite,
            "Npgsql.EntityFrameworkCore.PostgreSQL" => RebuildPostgreSql,
            "Microsoft.EntityFrameworkCore.SqlServer" => RebuildSqlServer,
            var other => throw new NotSupportedException($"No rollup SQL for provider {other}."),
        };

    /// <summary>The net change of each bucket caused by the tracked clock changes (entries listed without detecting changes again).</summary>
    internal static List<(
        (
            DateOnly Day,
            string DefinitionKey,
            string Bureau,
            string Limit,
            bool Late,
            double Used
        ) Key,
        int Clocks
    )> Collect(IEnumerable<EntityEntry<SlaClockEntity>> entries)
    {
        var deltas = new Dictionary<(DateOnly, string, string, string, bool, double), int>();
        foreach (var entry in entries)
        {
            if (
                entry.State is EntityState.Modified or EntityState.Deleted
                && Bucket(entry, original: true) is { } old
            )
                deltas[old] = deltas.GetValueOrDefault(old) - 1;
            if (
                entry.State is EntityState.Modified or EntityState.Added
                && Bucket(entry, original: false) is { } now
            )
                deltas[now] = deltas.GetValueOrDefault(now) + 1;
        }
        return deltas.Where(d => d.Value != 0).Select(d => (d.Key, d.Value)).ToList();
    }

    /// <summary>The upsert of one bucket's change, in the provider's dialect; parameters as <see cref="Parameters"/>.</summary>
    internal static string UpsertSql(WorkflowsDbContext db) =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer"
            ? """
                MERGE "SlaCaseDays" WITH (HOLDLOCK) AS t
                USING (SELECT {0} AS "Day", {1} AS "DefinitionKey", {2} AS "Bureau", {3} AS "Limit", {4} AS "Late", {5} AS "WorkingDaysUsed") AS s
                ON t."Day" = s."Day" AND t."DefinitionKey" = s."DefinitionKey" AND t."Bureau" = s."Bureau" AND t."Limit" = s."Limit" AND t."Late" = s."Late" AND t."WorkingDaysUsed" = s."WorkingDaysUsed"
                WHEN MATCHED THEN UPDATE SET "Clocks" = t."Clocks" + {6}
                WHEN NOT MATCHED THEN INSERT ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6});
                """
            : """
                INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})
                ON CONFLICT ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed") DO UPDATE SET "Clocks" = "SlaCaseDays"."Clocks" + excluded."Clocks"
                """;

    /// <summary>The upsert's parameters.</summary>
    internal static object[] Parameters(
        (
            (
                DateOnly Day,
                string DefinitionKey,
                string Bureau,
                string Limit,
                bool Late,
                double Used
            ) Key,
            int Clocks
        ) d
    ) =>
        [
            d.Key.Day,
            d.Key.DefinitionKey,
            d.Key.Bureau,
            d.Key.Limit,
            d.Key.Late,
            d.Key.Used,
            d.Clocks,
        ];

    private static (DateOnly, string, string, string, bool, double)? Bucket(
        EntityEntry<SlaClockEntity> entry,
        bool original
    )
    {
        T Value<T>(System.Linq.Expressions.Expression<Func<SlaClockEntity, T>> property) =>
            original
                ? entry.Property(property).OriginalValue
                : entry.Property(property).CurrentValue;
        if (!Counts(Value(c => c.Kind), Value(c => c.Status)))
            return null;
        return (
            SlaStepRollup.DayOf(Value(c => c.StartedAt)),
            Value(c => c.DefinitionKey),
            Value(c => c.Bureau) ?? "",
            Value(c => c.Limit),
            Value(c => c.FinishedLate) == true,
            Value(c => c.WorkingDaysUsed) ?? NoWorkingDays
        );
    }
}
