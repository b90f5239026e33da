// Bulk-fills Tasks and TaskCandidates with raw SQL (SQLite: one prepared statement in one transaction; PostgreSQL: binary COPY).
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Workflows.Data.Entities;

namespace Workflows.Inbox.Benchmarks;

/// <summary>The synthetic inbox: <c>total</c> tasks of which <c>open</c> are open, 7 bureaus, 50 groups, 500 clerks.</summary>
public static class Filler
{
    /// <summary>Bureau codes b0…b6.</summary>
    public const int Bureaus = 7;

    /// <summary>Groups g0…g49, group n in bureau n % 7.</summary>
    public const int Groups = 50;

    /// <summary>Clerks u0…u499.</summary>
    public const int Users = 500;

    /// <summary>The fixed "now" of the data set.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The group id of group n.</summary>
    public static string Group(int n) => $"bureau:b{n % Bureaus}/g{n}";

    /// <summary>One generated row.</summary>
    public readonly record struct Row(
        string Id,
        Guid Instance,
        string Status,
        string? Assignee,
        DateTimeOffset? Due,
        DateTimeOffset Created,
        string Bureau,
        string Group,
        string? Sla,
        string BusinessKey,
        string Applicant,
        int Priority
    );

    /// <summary>Row i of the data set (deterministic).</summary>
    /// <param name="i">Row number.</param>
    /// <param name="step">Total / open: one block of 50 consecutive rows (every group) in <paramref name="step"/> is open.</param>
    public static Row Make(int i, int step)
    {
        var isOpen = (i / Groups) % step == 0;
        var group = i % Groups;
        var assigned = isOpen && (i / 7) % 5 == 0;
        var due =
            i % 10 == 9
                ? (DateTimeOffset?)null
                : Now.AddMinutes((i * 7919L) % (60 * 24 * 30) - 60 * 24 * 5);
        return new Row(
            $"t{i:D8}",
            new Guid(i, 0, 0, new byte[8]),
            isOpen ? "Open" : "Completed",
            assigned ? $"u{(i / Groups) % Users}" : null,
            due,
            Now.AddSeconds(-i),
            $"b{group % Bureaus}",
            Group(group),
            (i % 3) switch
            {
                0 => "green",
                1 => "yellow",
                _ => "red",
            },
            $"BK{i:D8}",
            $"Name{(i * 31L) % 100_000:D5} Surname",
            i % 4
        );
    }

    /// <summary>Fills a SQLite database.</summary>
    public static async Task FillSqliteAsync(string connectionString, int total, int open)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var task = connection.CreateCommand();
        task.Transaction = tx;
        task.CommandText = """
            INSERT INTO "Tasks" ("Id","InstanceId","ElementId","Name","DefinitionKey","BusinessKey","Status","Assignee","Priority","DueAt","CreatedAt","CandidateGroups","Version","ApplicantName","Bureau","SlaLevel")
            VALUES ($id,$inst,'review','Review','bench',$bk,$status,$assignee,$prio,$due,$created,$group,1,$applicant,$bureau,$sla)
            """;
        var names = new[]
        {
            "$id",
            "$inst",
            "$bk",
            "$status",
            "$assignee",
            "$prio",
            "$due",
            "$created",
            "$group",
            "$applicant",
            "$bureau",
            "$sla",
        };
        foreach (var n in names)
            task.Parameters.Add(new SqliteParameter { ParameterName = n });
        var candidate = connection.CreateCommand();
        candidate.Transaction = tx;
        candidate.CommandText =
            """INSERT INTO "TaskCandidates" ("TaskId","Kind","Value","State","DueAt") VALUES ($id,'group',$group,$state,$due)""";
        foreach (var n in new[] { "$id", "$group", "$state", "$due" })
            candidate.Parameters.Add(new SqliteParameter { ParameterName = n });
        task.Prepare();
        candidate.Prepare();
        for (var i = 0; i < total; i++)
        {
            var r = Make(i, Math.Max(1, total / Math.Max(1, open)));
            object?[] values =
            [
                r.Id,
                r.Instance.ToString().ToUpperInvariant(),
                r.BusinessKey,
                r.Status,
                r.Assignee,
                r.Priority,
                r.Due?.UtcTicks,
                r.Created.UtcTicks,
                r.Group,
                r.Applicant,
                r.Bureau,
                r.Sla,
            ];
            for (var p = 0; p < values.Length; p++)
                task.Parameters[p].Value = values[p] ?? DBNull.Value;
            await task.ExecuteNonQueryAsync();
            // As in the server: candidate rows exist for open tasks only (removed when a task closes).
            if (r.Status != "Open")
                continue;
            candidate.Parameters[0].Value = r.Id;
            candidate.Parameters[1].Value = r.Group;
            candidate.Parameters[2].Value = State(r);
            candidate.Parameters[3].Value = (object?)r.Due?.UtcTicks ?? DBNull.Value;
            await candidate.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        await Exec(connection, "ANALYZE;");
    }

    /// <summary>Fills a PostgreSQL database with COPY.</summary>
    public static async Task FillPostgresAsync(string connectionString, int total, int open)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (
            var writer = await connection.BeginBinaryImportAsync(
                """COPY "Tasks" ("Id","InstanceId","ElementId","Name","DefinitionKey","BusinessKey","Status","Assignee","Priority","DueAt","CreatedAt","CandidateGroups","Version","ApplicantName","Bureau","SlaLevel") FROM STDIN (FORMAT BINARY)"""
            )
        )
        {
            for (var i = 0; i < total; i++)
            {
                var r = Make(i, Math.Max(1, total / Math.Max(1, open)));
                await writer.StartRowAsync();
                await writer.WriteAsync(r.Id, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Instance, NpgsqlDbType.Uuid);
                await writer.WriteAsync("review", NpgsqlDbType.Varchar);
                await writer.WriteAsync("Review", NpgsqlDbType.Varchar);
                await writer.WriteAsync("bench", NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.BusinessKey, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Status, NpgsqlDbType.Varchar);
                if (r.Assignee is null)
                    await writer.WriteNullAsync();
                else
                    await writer.WriteAsync(r.Assignee, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Priority, NpgsqlDbType.Integer);
                if (r.Due is null)
                    await writer.WriteNullAsync();
                else
                    await writer.WriteAsync(r.Due.Value, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(r.Created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(r.Group, NpgsqlDbType.Text);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(r.Applicant, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Bureau, NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Sla, NpgsqlDbType.Varchar);
            }
            await writer.CompleteAsync();
        }
        await using (
            var writer = await connection.BeginBinaryImportAsync(
                """COPY "TaskCandidates" ("TaskId","Kind","Value","State","DueAt") FROM STDIN (FORMAT BINARY)"""
            )
        )
        {
            for (var i = 0; i < total; i++)
            {
                var r = Make(i, Math.Max(1, total / Math.Max(1, open)));
                if (r.Status != "Open")
                    continue; // candidate rows exist for open tasks only
                await writer.StartRowAsync();
                await writer.WriteAsync(r.Id, NpgsqlDbType.Varchar);
                await writer.WriteAsync("group", NpgsqlDbType.Varchar);
                await writer.WriteAsync(r.Group, NpgsqlDbType.Varchar);
                await writer.WriteAsync(State(r), NpgsqlDbType.Varchar);
                if (r.Due is null)
                    await writer.WriteNullAsync();
                else
                    await writer.WriteAsync(r.Due.Value, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        // VACUUM as autovacuum would after a bulk load: it sets the visibility map that index-only scans (the counts) need.
        await Exec(connection, "VACUUM ANALYZE;");
    }

    /// <summary>The candidate rows' copy of the task's queue state (see CandidateStates); no generated task is suspended.</summary>
    private static string State(Row r) =>
        r.Assignee is null ? CandidateStates.Claimable : CandidateStates.Claimed;

    private static async Task Exec(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
